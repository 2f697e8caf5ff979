using System.CommandLine;
using DataContracts.Diagnostics;

namespace DataContracts.Tool.Cli;

/// <summary>The command tree, shared by <see cref="Program"/> and the tests so both run exactly the same parser.</summary>
internal static class DataContractsCli
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("DataContracts: stop data-breaking changes at review time.");
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(ImpactCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(SnapshotCommand.Create(context));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Create(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var (message, hint) in ParseErrors.Describe(parse))
            {
                await context.Error.WriteLineAsync($"datacontracts: error {DiagnosticCodes.InvalidArgument.Code}: {message}").ConfigureAwait(false);
                if (hint is not null)
                {
                    await context.Error.WriteLineAsync($"    hint: {hint}").ConfigureAwait(false);
                }
            }

            await context.Error.WriteLineAsync("    hint: run 'datacontracts --help' or 'datacontracts <command> --help' for the options.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("datacontracts: cancelled; no report was written.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours: say so plainly, once, without a stack trace or anything that might hold a secret.
            await context.Error.WriteLineAsync(
                $"datacontracts: error {DiagnosticCodes.InternalError.Code}: unexpected {e.GetType().Name}. Please report it with the command you ran.").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
