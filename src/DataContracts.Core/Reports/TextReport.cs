using System.Text;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>The terminal report: verdict first, then each impact as an aligned table, then diagnostics and coverage.</summary>
internal static partial class TextReport
{
    /// <param name="detailed">Also list informational diagnostics (what was skipped and why).</param>
    public static string Render(CheckResult result, bool color, string workingDirectory, bool detailed = false)
    {
        var ansi = new Ansi(color);
        var text = new StringBuilder();
        var verdictColor = result.Outcome switch
        {
            CheckOutcome.Pass => Ansi.Green,
            CheckOutcome.Warn => Ansi.Yellow,
            _ => Ansi.Red,
        };
        text.Append(ansi.Paint(Wording.Verdict(result.Outcome), verdictColor + Ansi.Bold)).Append(": ").AppendLine(P(Wording.Headline(result)));

        var classified = result.Outcome != CheckOutcome.Error && ChangeSummary.Applies(result);
        if (classified)
        {
            Classified(text, result, ansi, workingDirectory);
        }

        foreach (var impact in classified ? System.Collections.Immutable.ImmutableArray<ImpactEntry>.Empty : result.Impacts)
        {
            text.AppendLine();
            var mark = impact.Verdict switch
            {
                ImpactVerdict.Fail => ansi.Paint("✗ fail", Ansi.Red),
                ImpactVerdict.Warn => ansi.Paint("! warn", Ansi.Yellow),
                ImpactVerdict.Acknowledged => ansi.Paint("✓ acknowledged", Ansi.Green),
                _ => ansi.Paint("- off", Ansi.Dim),
            };
            var contract = impact.Source.Contract is null ? "uncontracted" : $"contract {P(impact.Source.Contract)}";
            text.Append(mark).Append("  ").Append(ansi.Paint(P(Wording.SourceLabel(impact.Source)), Ansi.Bold))
                .Append("  (").Append(contract).Append(", ").Append(P(Display(impact.Source.File, result, workingDirectory)))
                .Append(impact.Source.Reason is { } reason ? ": " + P(reason) : string.Empty).AppendLine(")");

            var rows = impact.Downstream.Select(d => new[]
            {
                d.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
                P(d.NativeType is null || string.Equals(d.NativeType, d.Type, StringComparison.OrdinalIgnoreCase) ? d.Type : $"{d.Type} ({d.NativeType})"),
                P(d.DisplayName),
                P(d.ChangedHere ? "also changed here (not counted)" : d.DeletedHere ? "deleted by this change (not counted)" : d.Ignored ? "ignored" : d.Acknowledged ? $"acknowledged: {d.AcknowledgedReason}" : string.Join(" ", d.Owners)),
            }).ToList();
            Table(text, ["depth", "type", "title", "note"], rows, ansi);
        }

        var shown = result.Diagnostics.Where(d => d.Severity != Severity.Info || detailed || result.Outcome == CheckOutcome.Error).ToList();
        if (shown.Count > 0)
        {
            text.AppendLine();
            foreach (var d in shown)
            {
                var severity = d.Severity switch
                {
                    Severity.Error => ansi.Paint("error", Ansi.Red),
                    Severity.Warning => ansi.Paint("warning", Ansi.Yellow),
                    _ => "info",
                };
                var where = d.Location is null ? string.Empty : P(Location(d.Location, result, workingDirectory)) + ": ";
                text.Append(where).Append(severity).Append(' ').Append(d.Code).Append(": ").AppendLine(P(d.Message));
                if (d.Hint is not null)
                {
                    text.Append("    ").AppendLine(ansi.Paint("hint: " + P(d.Hint), Ansi.Dim));
                }
            }
        }

        if ((result.Outcome != CheckOutcome.Error || result.Coverage.Answered) && result.Command is CommandKind.Check or CommandKind.Impact)
        {
            text.AppendLine();
            text.AppendLine(ansi.Paint("coverage: " + P(Wording.CoverageLine(result)), Ansi.Dim));
            text.AppendLine(ansi.Paint(Wording.StatsLine(result), Ansi.Dim));
            if (Wording.ArtifactsLine(result.Artifacts) is { } artifacts)
            {
                text.AppendLine(ansi.Paint(P(artifacts), Ansi.Dim));
            }
        }

        return PrintableText.Lines(text.ToString(), keepColour: color);
    }

    private static string P(string? value) => PrintableText.Value(value);

    private static void Table(StringBuilder text, string[] header, List<string[]> rows, Ansi ansi)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        text.Append("    ").AppendLine(ansi.Paint(Line(header, widths), Ansi.Dim));
        foreach (var row in rows)
        {
            text.Append("    ").AppendLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Display(string file, CheckResult result, string workingDirectory)
    {
        if (Path.IsPathRooted(file) || !File.Exists(Path.Combine(result.WorkspaceRoot, file)))
        {
            return file;
        }

        var relative = Path.GetRelativePath(workingDirectory, Path.Combine(result.WorkspaceRoot, file));
        return relative.Replace('\\', '/');
    }

    private static string Location(SourceLocation location, CheckResult result, string workingDirectory)
    {
        var file = Display(location.File, result, workingDirectory);
        return location.Line > 0 ? $"{file}:{location.Line}:{Math.Max(location.Column, 1)}" : file;
    }

    private readonly struct Ansi(bool enabled)
    {
        public const string Red = "\u001b[31m";
        public const string Green = "\u001b[32m";
        public const string Yellow = "\u001b[33m";
        public const string Bold = "\u001b[1m";
        public const string Dim = "\u001b[2m";

        public string Paint(string text, string code) => enabled ? code + text + "\u001b[0m" : text;
    }
}
