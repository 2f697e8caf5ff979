using System.CommandLine;
using DataContracts.Application;

namespace DataContracts.Tool.Cli;

/// <summary><c>datacontracts validate</c>: offline lint of the contract file.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var contracts = CommonOptions.Contracts();
        var manifest = CommonOptions.Manifest();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var warningsAsErrors = CommonOptions.WarningsAsErrors();
        var verbosity = CommonOptions.Verbosity();
        var command = new Command("validate", "Lint the contract file offline: schema, globs that match nothing, unknown models, expired acknowledgements.")
        {
            contracts, manifest, state, format, warningsAsErrors, verbosity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = Requests.Base(context, parse.GetValue(contracts), null) with
            {
                ManifestPath = parse.GetValue(manifest),
                StatePath = parse.GetValue(state),
                WarningsAsErrors = parse.GetValue(warningsAsErrors),

                // validate is offline: a state source is parsed and checked, never fetched.
                StateFetcher = null,
            };
            var result = await Validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            return await ResultWriter.WriteAsync(context, result, parse.GetValue(format)!, null, parse.GetValue(verbosity)!, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
