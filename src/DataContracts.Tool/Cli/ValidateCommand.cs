using System.CommandLine;
using DataContracts.Application;
using DataContracts.Reports;

namespace DataContracts.Tool.Cli;

/// <summary><c>datacontracts validate</c>: offline lint of the contract file.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var contracts = CommonOptions.Contracts();
        var manifest = CommonOptions.Manifest();
        var sqlcmdVar = CommonOptions.SqlCmdVar();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var warningsAsErrors = CommonOptions.WarningsAsErrors();
        var verbosity = CommonOptions.Verbosity();
        var command = new Command("validate", "Lint the contract file offline: schema, globs that match nothing, unknown models, expired acknowledgements.")
        {
            contracts, sqlcmdVar, manifest, state, format, warningsAsErrors, verbosity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = Requests.Base(context, parse.GetValue(contracts), null) with
            {
                ManifestPath = parse.GetValue(manifest),
                SqlCmdVariables = [.. parse.GetValue(sqlcmdVar) ?? []],
                StatePath = parse.GetValue(state),
                WarningsAsErrors = parse.GetValue(warningsAsErrors),

                // validate is offline: a state source is parsed and checked, never fetched.
                StateFetcher = null,
            };
            var result = await Validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            return await ResultWriter.WriteAsync(context, result, OutputNames.FormatOf(parse.GetValue(format)!), null, OutputNames.VerbosityOf(parse.GetValue(verbosity)!), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
