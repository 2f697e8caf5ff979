using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Hosting;
using DataContracts.Reports;

namespace DataContracts.GitHub;

/// <summary>
/// The files GitHub Actions reads after a step: <c>$GITHUB_STEP_SUMMARY</c> (Markdown shown on the run page)
/// and <c>$GITHUB_OUTPUT</c> (step outputs, written with the multi-line-safe <c>name&lt;&lt;DELIMITER</c> form).
/// Also the <c>::add-mask::</c> commands that keep tokens out of the log.
/// </summary>
internal static class ActionsFiles
{
    /// <summary>The step outputs the tool writes; <c>action.yml</c> declares exactly these (a test checks).</summary>
    public static readonly ImmutableArray<string> OutputNames = ["result", "impacted-count", "report-path"];

    /// <summary>GitHub refuses step summaries over 1 MiB; stay well below.</summary>
    private const int MaxSummaryLength = 1_000_000;

    /// <summary>Variables whose values are masked in the log when running in Actions.</summary>
    public static readonly ImmutableArray<string> SecretVariables = SecretRedactor.KnownVariables;

    public static ImmutableArray<KeyValuePair<string, string>> Outputs(CheckResult result, string? reportPath) =>
    [
        new("result", result.Outcome.ToString().ToLowerInvariant()),
        new("impacted-count", result.ImpactedCount.ToString(CultureInfo.InvariantCulture)),
        new("report-path", reportPath ?? string.Empty),
    ];

    /// <summary>Formats outputs as <c>name&lt;&lt;DELIMITER</c> blocks; the delimiter is random so no value can end a block early.</summary>
    public static string FormatOutputs(IEnumerable<KeyValuePair<string, string>> outputs, string? delimiter = null)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            var end = delimiter ?? "ghadelimiter_" + Guid.NewGuid().ToString("N");
            if (value.Contains(end, StringComparison.Ordinal))
            {
                throw new ArgumentException("An output value contains the delimiter.", nameof(outputs));
            }

            text.Append(name).Append("<<").Append(end).Append('\n').Append(value).Append('\n').Append(end).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads outputs back from the <c>$GITHUB_OUTPUT</c> format (both <c>name=value</c> and heredoc blocks).</summary>
    public static ImmutableDictionary<string, string> ParseOutputs(string text)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var name = line[..heredoc];
                var end = line[(heredoc + 2)..];
                var value = new List<string>();
                for (i++; i < lines.Length && lines[i].TrimEnd('\r') != end; i++)
                {
                    value.Add(lines[i].TrimEnd('\r'));
                }

                result[name] = string.Join('\n', value);
            }
            else if (equals > 0)
            {
                result[line[..equals]] = line[(equals + 1)..];
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// <c>::add-mask::</c> lines for every secret value present (each line of a multi-line value). Written to
    /// standard error so that a redirected standard output (a JSON report) never contains a secret.
    /// </summary>
    public static string MaskCommands(IEnvironment environment, IEnumerable<string>? variables = null)
    {
        var text = new StringBuilder();
        foreach (var name in variables ?? SecretVariables)
        {
            foreach (var line in (environment.Get(name) ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                text.Append("::add-mask::").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Appends the Markdown report to the job summary and the outputs to <c>$GITHUB_OUTPUT</c>; returns warnings for what failed.</summary>
    public static async Task<ImmutableArray<Diagnostic>> WriteAsync(CheckResult result, GitHubContext context, string? reportPath, CancellationToken cancellationToken)
    {
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        if (context.StepSummaryPath is { } summaryPath)
        {
            var summary = MarkdownReport.Render(result);
            if (summary.Length > MaxSummaryLength)
            {
                summary = summary[..MaxSummaryLength] + "\n\n✂️ The job summary was cut at GitHub's size limit; the JSON report has everything.\n";
            }

            await AppendAsync(summaryPath, "GITHUB_STEP_SUMMARY", summary + "\n", warnings, cancellationToken).ConfigureAwait(false);
        }

        if (context.OutputPath is { } outputPath)
        {
            await AppendAsync(outputPath, "GITHUB_OUTPUT", FormatOutputs(Outputs(result, reportPath)), warnings, cancellationToken).ConfigureAwait(false);
        }

        return warnings.ToImmutable();
    }

    private static async Task AppendAsync(string path, string variable, string text, ImmutableArray<Diagnostic>.Builder warnings, CancellationToken cancellationToken)
    {
        try
        {
            await File.AppendAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add(DiagnosticCodes.ActionsFileNotWritten.Create(
                $"The file named by {variable} cannot be written ({e.GetType().Name}); the verdict and the exit code are unchanged.",
                new SourceLocation(path),
                $"{variable} is set by the Actions runner; do not override it in the workflow's env."));
        }
    }
}
