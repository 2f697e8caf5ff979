using System.Text;
using DataContracts.Checking;
using DataContracts.Diagnostics;
using DataContracts.Reports;

namespace DataContracts.GitHub;

/// <summary>
/// The body of the sticky pull request comment: verdict first, then one table of changed model → impacted
/// resource, the acknowledged and ignored consumers apart, the coverage line, a small graph and collapsed
/// details. Every text from the catalog or the repository is escaped. The body never exceeds
/// <see cref="CommentOptions.MaxLength"/>: detail is dropped first (graph, diagnostics, acknowledged list,
/// then table rows), always with a pointer to the job summary.
/// </summary>
public static class StickyComment
{
    private const int MaxCellText = 120;
    private const int MaxCoverageText = 2_000;

    /// <summary>The comment for a result with something to say (impact, warnings, or an error).</summary>
    public static string RenderReport(CheckResult result, CommentOptions options)
    {
        var rows = MainRows(result);
        var apart = ApartRows(result);
        var graph = MermaidGraph.Render([.. result.Impacts.Where(i => i.Verdict != ImpactVerdict.Off)], options.MaxGraphNodes);
        var diagnostics = result.Diagnostics.Where(d => d.Severity != Severity.Info).ToList();

        // Cut detail in order of least use to a reviewer until the body fits.
        for (var level = 0; level <= 3; level++)
        {
            var body = Compose(result, options, rows, rows.Count, apart, graph: level < 1 ? graph : null, diagnostics, showDiagnostics: level < 2, showApart: level < 3, cut: level > 0);
            if (body.Length <= options.MaxLength)
            {
                return body;
            }
        }

        // Still too long: keep as many table rows as fit, largest first found by halving.
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Compose(result, options, rows, mid, apart, null, diagnostics, false, false, true).Length <= options.MaxLength)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var final = Compose(result, options, rows, low, apart, null, diagnostics, false, false, true);
        return final.Length <= options.MaxLength ? final : final[..(options.MaxLength - 1)] + "…";
    }

    /// <summary>What the comment becomes when the impact it reported is gone: short, but still there.</summary>
    public static string RenderResolved(CheckResult result, CommentOptions options)
    {
        var md = new StringBuilder();
        md.AppendLine(CommentMarker.For(result.ContractFile));
        md.AppendLine("### ✅ DataContracts: resolved");
        md.AppendLine();
        md.Append("The downstream impact reported earlier is gone: ").Append(MarkdownText.Escape(Wording.Headline(result))).AppendLine(".");
        var acknowledged = result.Impacts.SelectMany(i => i.Downstream).Count(d => d.Acknowledged);
        if (acknowledged > 0)
        {
            md.Append(Wording.Plural(acknowledged, "acknowledged consumer")).AppendLine(" still read the changed models.");
        }

        md.AppendLine();
        md.Append("<sub>").Append(Footer(result, options, cut: false)).AppendLine("</sub>");
        return md.ToString();
    }

    private static string Compose(
        CheckResult result, CommentOptions options, List<Row> rows, int rowCount, List<Row> apart, string? graph,
        List<Diagnostic> diagnostics, bool showDiagnostics, bool showApart, bool cut)
    {
        var md = new StringBuilder();
        md.AppendLine(CommentMarker.For(result.ContractFile));
        var icon = Wording.Icon(result.Outcome);
        md.Append("### ").Append(icon).Append(" DataContracts: ").Append(Wording.Verdict(result.Outcome)).Append(" — ")
            .AppendLine(MarkdownText.Escape(Wording.Headline(result)));
        md.AppendLine();

        if (rows.Count > 0)
        {
            md.AppendLine("| changed model | verdict | impacted resource | type | depth | owners |");
            md.AppendLine("|---|---|---|---|---:|---|");
            foreach (var row in rows.Take(rowCount))
            {
                md.Append("| ").Append(row.Source).Append(" | ").Append(row.Verdict).Append(" | ").Append(row.Resource).Append(" | ")
                    .Append(row.Type).Append(" | ").Append(row.Depth).Append(" | ").Append(row.Note).AppendLine(" |");
            }

            if (rowCount < rows.Count)
            {
                md.Append("| … | | ").Append(rows.Count - rowCount).AppendLine(" more: see the job summary | | | |");
            }

            md.AppendLine();
        }

        if (apart.Count > 0)
        {
            if (showApart)
            {
                md.Append("<details><summary>Acknowledged and ignored consumers (").Append(apart.Count).AppendLine(")</summary>").AppendLine();
                md.AppendLine("| changed model | resource | type | depth | why it does not count |");
                md.AppendLine("|---|---|---|---:|---|");
                foreach (var row in apart)
                {
                    md.Append("| ").Append(row.Source).Append(" | ").Append(row.Resource).Append(" | ").Append(row.Type).Append(" | ")
                        .Append(row.Depth).Append(" | ").Append(row.Note).AppendLine(" |");
                }

                md.AppendLine().AppendLine("</details>").AppendLine();
            }
            else
            {
                md.Append("Not counted: ").Append(Wording.Plural(apart.Count, "acknowledged or ignored consumer")).AppendLine(" (listed in the job summary).").AppendLine();
            }
        }

        md.Append("**Coverage:** ").AppendLine(MarkdownText.Escape(Clip(Wording.CoverageLine(result), MaxCoverageText))).AppendLine();

        if (graph is not null)
        {
            md.AppendLine("<details><summary>Lineage graph</summary>").AppendLine().Append(graph).AppendLine().AppendLine("</details>").AppendLine();
        }

        if (diagnostics.Count > 0)
        {
            if (showDiagnostics)
            {
                md.Append("<details><summary>Diagnostics (").Append(diagnostics.Count).AppendLine(")</summary>").AppendLine();
                foreach (var d in diagnostics)
                {
                    var where = d.Location is null ? string.Empty : " " + MarkdownText.Escape(d.Location.Line > 0 ? $"{d.Location.File}:{d.Location.Line}" : d.Location.File);
                    md.Append("- **").Append(d.Severity == Severity.Error ? "error" : "warning").Append("** ").Append(d.Code).Append(where)
                        .Append(": ").AppendLine(MarkdownText.Escape(Clip(d.Message, 1_000)));
                }

                md.AppendLine().AppendLine("</details>").AppendLine();
            }
            else
            {
                md.Append(Wording.Plural(diagnostics.Count, "diagnostic")).AppendLine(" in the job summary.").AppendLine();
            }
        }

        md.Append("<sub>").Append(Footer(result, options, cut)).AppendLine("</sub>");
        return md.ToString();
    }

    private static string Footer(CheckResult result, CommentOptions options, bool cut)
    {
        var parts = new List<string>();
        if (cut)
        {
            parts.Add("✂️ shortened to fit GitHub's comment limit; " + SummaryLink(options, "the full report is in the job summary"));
        }

        if (options.HeadSha is { Length: >= 7 } sha && sha.All(char.IsAsciiHexDigit))
        {
            parts.Add($"checked at {sha[..7]}");
        }

        parts.Add(MarkdownText.Escape(Wording.StatsLine(result)));
        if (!cut && options.RunUrl is not null)
        {
            parts.Add(SummaryLink(options, "job summary"));
        }

        return string.Join(" · ", parts);
    }

    private static string SummaryLink(CommentOptions options, string text) =>
        options.RunUrl is null ? text : MarkdownText.Link(text, options.RunUrl.AbsoluteUri);

    private static List<Row> MainRows(CheckResult result) =>
        [.. result.Impacts
            .Where(i => i.Verdict is ImpactVerdict.Fail or ImpactVerdict.Warn)
            .OrderBy(i => i.Verdict)
            .SelectMany(i => i.Downstream.Where(d => d.Counts).OrderBy(d => d.Depth).ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
                .Select(d => new Row(
                    SourceCell(i.Source),
                    i.Verdict == ImpactVerdict.Fail ? "❌ blocking" : "⚠️ warning",
                    ResourceCell(d),
                    Cell(d.Type),
                    d.Depth,
                    string.Join(", ", d.Owners.Select(Cell)))))];

    private static List<Row> ApartRows(CheckResult result) =>
        [.. result.Impacts
            .Where(i => i.Verdict != ImpactVerdict.Off)
            .SelectMany(i => i.Downstream.Where(d => !d.Counts).OrderBy(d => d.Depth).ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
                .Select(d => new Row(
                    SourceCell(i.Source),
                    string.Empty,
                    ResourceCell(d),
                    Cell(d.Type),
                    d.Depth,
                    d.Ignored ? "ignored by policy" : "acknowledged: " + Cell(d.AcknowledgedReason))))];

    private static string SourceCell(ImpactSource source)
    {
        var label = Cell(Wording.SourceLabel(source));
        return source.Contract is null ? label + " (uncontracted)" : $"{label} (contract {Cell(source.Contract)})";
    }

    private static string ResourceCell(DownstreamEntry d) => MarkdownText.Link(Clip(d.Title, MaxCellText), d.Url);

    private static string Cell(string? text) => MarkdownText.Escape(Clip(text ?? string.Empty, MaxCellText));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record Row(string Source, string Verdict, string Resource, string Type, int Depth, string Note);
}
