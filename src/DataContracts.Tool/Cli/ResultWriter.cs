using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Reports;
using DataContracts.Text;

namespace DataContracts.Tool.Cli;

/// <summary>Renders a result in the chosen format and writes the JSON report file; returns the exit code.</summary>
internal static class ResultWriter
{
    private static readonly string ToolVersion =
        typeof(ResultWriter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<int> WriteAsync(
        CliContext context, CheckResult result, OutputFormat format, string? reportPath, Verbosity verbosity, CancellationToken cancellationToken)
    {
        // The core redacted its own result; what GitHub steps appended since is redacted here.
        result = SecretRedactor.For(context.Environment, []).Redact(result);
        if (reportPath is not null)
        {
            try
            {
                await ReportFile.WriteAtomicAsync(Path.GetFullPath(reportPath, context.WorkingDirectory), JsonReport.Render(result), cancellationToken).ConfigureAwait(false);
            }
            catch (InputException e)
            {
                var failed = CheckResult.ForError(result.Diagnostics.AddRange(e.Diagnostics), serviceFailed: false, result.Stats, result.WorkspaceRoot);
                result = failed with { Command = result.Command, ContractFile = result.ContractFile };
            }
        }

        if (context.IsErrorTerminal)
        {
            // Erase the progress line before the report.
            await context.Error.WriteAsync("\r\u001b[2K".AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var rendered = format switch
        {
            OutputFormat.Json => JsonReport.Render(result),
            OutputFormat.Markdown => PrintableText.Lines(MarkdownReport.Render(result)),
            OutputFormat.MSBuild => MsBuildReport.Render(result),
            OutputFormat.Sarif => SarifReport.Render(result, ToolVersion),
            OutputFormat.JUnit => JUnitReport.Render(result, context.Time.GetUtcNow()),
            OutputFormat.GitHub => GitHubAnnotations.Render(result) + TextReport.Render(result, color: false, context.WorkingDirectory),
            // Quiet means silent whenever the run succeeds (exit 0), warnings included, as the README says.
            _ => verbosity == Verbosity.Quiet && result.ExitCode == ExitCodes.Success && result.Outcome != CheckOutcome.Error
                ? string.Empty
                : TextReport.Render(result, context.IsTerminal, context.WorkingDirectory, detailed: verbosity == Verbosity.Detailed),
        };

        // People read errors on stderr; machine formats always go to stdout so a pipe gets the whole document.
        var target = format == OutputFormat.Text && result.Outcome == CheckOutcome.Error ? context.Error : context.Out;
        await target.WriteAsync(rendered.AsMemory(), cancellationToken).ConfigureAwait(false);
        await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }
}
