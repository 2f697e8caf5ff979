using System.CommandLine;
using DataContracts.Application;

namespace DataContracts.Tool.Cli;

/// <summary><c>datacontracts snapshot --output FILE</c>: save what the contracts reach in the catalog, for offline runs and CI caches.</summary>
internal static class SnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var contracts = CommonOptions.Contracts();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the snapshot (written atomically).", HelpName = "FILE", Required = true };
        var manifest = CommonOptions.Manifest();
        var sqlcmdVar = CommonOptions.SqlCmdVar();
        var maxDepth = CommonOptions.MaxDepth();
        var timeout = CommonOptions.Timeout();
        var format = CommonOptions.Format();
        var verbosity = CommonOptions.Verbosity();
        var all = new Option<bool>("--all") { Description = "Save every resource the key can list and all their lineage, not only what the contracts reach." };
        var command = new Command("snapshot", "Save the Secoda tables, resources and lineage that the contracts reach into a catalog snapshot.")
        {
            contracts, sqlcmdVar, output, all, manifest, maxDepth, timeout, format, verbosity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = Requests.Base(context, parse.GetValue(contracts), parse.GetValue(timeout)) with
            {
                ManifestPath = parse.GetValue(manifest),
                SqlCmdVariables = [.. parse.GetValue(sqlcmdVar) ?? []],
                MaxDepth = parse.GetValue(maxDepth),
            };
            var result = await SnapshotBuilder.WriteAsync(request, Path.GetFullPath(parse.GetValue(output)!, context.WorkingDirectory), parse.GetValue(all), cancellationToken).ConfigureAwait(false);
            return await ResultWriter.WriteAsync(context, result, parse.GetValue(format)!, null, parse.GetValue(verbosity)!, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
