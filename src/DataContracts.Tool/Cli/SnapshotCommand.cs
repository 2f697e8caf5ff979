using System.CommandLine;
using DataContracts.Application;
using DataContracts.Reports;

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
        var all = new Option<bool>("--all") { Description = "Save every resource the key can list and all their lineage, not only what the mapped models reach." };
        var contractedOnly = new Option<bool>("--contracted-only") { Description = "Save only what the contracts' models reach (by default every model the contract file's dbt and sql sections map, as a check sees them)." };
        var command = new Command("snapshot", "Save the Secoda tables, resources and lineage that the mapped models reach into a catalog snapshot.")
        {
            contracts, sqlcmdVar, output, all, contractedOnly, manifest, maxDepth, timeout, format, verbosity,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(all) && result.GetValue(contractedOnly))
            {
                result.AddError("--all and --contracted-only cannot be used together: --all already saves everything the key can list.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = Requests.Base(context, parse.GetValue(contracts), parse.GetValue(timeout)) with
            {
                ManifestPath = parse.GetValue(manifest),
                SqlCmdVariables = [.. parse.GetValue(sqlcmdVar) ?? []],
                MaxDepth = parse.GetValue(maxDepth),
            };
            var scope = parse.GetValue(all) ? SnapshotScope.All : parse.GetValue(contractedOnly) ? SnapshotScope.Contracted : SnapshotScope.Mapped;
            var result = await SnapshotBuilder.WriteAsync(request, Path.GetFullPath(parse.GetValue(output)!, context.WorkingDirectory), scope, cancellationToken).ConfigureAwait(false);
            return await ResultWriter.WriteAsync(context, result, OutputNames.FormatOf(parse.GetValue(format)!), null, OutputNames.VerbosityOf(parse.GetValue(verbosity)!), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
