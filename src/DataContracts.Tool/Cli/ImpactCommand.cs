using System.CommandLine;
using DataContracts.Application;
using DataContracts.Reports;

namespace DataContracts.Tool.Cli;

/// <summary><c>datacontracts impact &lt;target&gt;...</c>: downstream of models or tables, no diff needed. Exploration: impact alone does not fail.</summary>
internal static class ImpactCommand
{
    public static Command Create(CliContext context)
    {
        var targets = new Argument<string[]>("target")
        {
            Description = "A model path, dbt model name, db.schema.table or Secoda id.",
            Arity = ArgumentArity.OneOrMore,
        };
        var contracts = CommonOptions.Contracts();
        var manifest = CommonOptions.Manifest();
        var sqlcmdVar = CommonOptions.SqlCmdVar();
        var state = CommonOptions.State();
        var snapshot = CommonOptions.CatalogSnapshot();
        var maxDepth = CommonOptions.MaxDepth();
        var format = CommonOptions.Format();
        var report = CommonOptions.Report();
        var timeout = CommonOptions.Timeout();
        var verbosity = CommonOptions.Verbosity();

        var command = new Command("impact", "Show what is downstream of models or tables, without a diff.")
        {
            targets, contracts, sqlcmdVar, manifest, state, snapshot, maxDepth, format, report, timeout, verbosity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = Requests.Base(context, parse.GetValue(contracts), parse.GetValue(timeout)) with
            {
                Targets = [.. parse.GetValue(targets) ?? []],
                ManifestPath = parse.GetValue(manifest),
                SqlCmdVariables = [.. parse.GetValue(sqlcmdVar) ?? []],
                StatePath = parse.GetValue(state),
                CatalogSnapshotPath = parse.GetValue(snapshot),
                MaxDepth = parse.GetValue(maxDepth),
            };
            var result = await Checker.ImpactAsync(request, cancellationToken).ConfigureAwait(false);
            return await ResultWriter.WriteAsync(context, result, OutputNames.FormatOf(parse.GetValue(format)!), parse.GetValue(report), OutputNames.VerbosityOf(parse.GetValue(verbosity)!), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
