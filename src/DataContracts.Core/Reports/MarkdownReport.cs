using System.Text;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// The Markdown report (job summary, <c>--format markdown</c>, and the body of the sticky comment): verdict
/// first, one table of changed model → impacted resources, acknowledged and ignored consumers apart, coverage,
/// a small Mermaid graph, diagnostics collapsed. Text from the catalog and the repository is escaped.
/// </summary>
internal static partial class MarkdownReport
{
    private const int MaxCellText = 120;
    private const int MaxCoverageText = 2_000;
    private const int SameDiagnostics = 3;

    public static string Render(CheckResult result) => Render(result, new MarkdownLayout());

    /// <summary>A pull request that weakens its own contract says so above everything else, not only in the collapsed diagnostics.</summary>
    private static void PolicyLooseningNote(StringBuilder md, CheckResult result)
    {
        var applied = result.Diagnostics.Count(d => d.Code == DiagnosticCodes.PolicyLoosenedBaseApplies.Code);
        var inEffect = result.Diagnostics.Count(d => d.Code == DiagnosticCodes.PolicyLoosenedInEffect.Code);
        if (applied + inEffect > 0)
        {
            md.Append("> ⚠️ **This change loosens its own contract policy** (").Append(Wording.Plural(applied + inEffect, "change"))
                .Append(", ").Append(applied > 0 ? DiagnosticCodes.PolicyLoosenedBaseApplies.Code : DiagnosticCodes.PolicyLoosenedInEffect.Code).Append("): ")
                .AppendLine(applied > 0 ? "the base branch's policy is checked until it is merged." : "it takes effect, because policy-from-base is off.")
                .AppendLine();
        }
    }

    public static string Render(CheckResult result, MarkdownLayout layout)
    {
        var classified = result.Outcome != CheckOutcome.Error && ChangeSummary.Applies(result);
        var rows = classified ? new List<Row>() : MainRows(result, layout.Mentions);
        var rowCount = Math.Min(layout.RowLimit ?? rows.Count, rows.Count);
        var apart = ApartRows(result);
        var graph = layout.ShowGraph ? MermaidGraph.Render([.. result.Impacts.Where(i => i.Verdict != ImpactVerdict.Off)], layout.MaxGraphNodes) : null;
        var diagnostics = result.Diagnostics.Where(d => d.Severity != Severity.Info).ToList();
        var md = new StringBuilder();
        if (layout.Marker is not null)
        {
            md.AppendLine(layout.Marker);
        }

        var icon = Wording.Icon(result.Outcome);
        md.Append("### ").Append(icon).Append(" DataContracts: ").Append(Wording.Verdict(result)).Append(" — ")
            .AppendLine(MarkdownText.Escape(Wording.Headline(result)));
        md.AppendLine();
        PolicyLooseningNote(md, result);

        if (classified)
        {
            Classified(md, result, layout);
        }

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
            if (layout.ShowApart)
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
            md.Append("<details><summary>Lineage graph").Append(graph.Summarised ? $" (summarised by type and verdict: {Wording.Plural(graph.Resources, "resource")} are too many to draw one by one)" : string.Empty)
                .AppendLine("</summary>").AppendLine().Append(graph.Text).AppendLine().AppendLine("</details>").AppendLine();
        }

        if (diagnostics.Count > 0)
        {
            if (layout.ShowDiagnostics)
            {
                md.Append("<details><summary>Diagnostics (").Append(diagnostics.Count).AppendLine(")</summary>").AppendLine();
                // The same code at the same place (one macro, 56 tables) shows its first few; the JSON report has every one.
                foreach (var group in diagnostics.GroupBy(d => (d.Severity, d.Code, Where: d.Location is null ? string.Empty : " " + MarkdownText.Escape(d.Location.Line > 0 ? $"{d.Location.File}:{d.Location.Line}" : d.Location.File))))
                {
                    var severity = group.Key.Severity == Severity.Error ? "error" : "warning";
                    foreach (var d in group.Take(SameDiagnostics))
                    {
                        md.Append("- **").Append(severity).Append("** ").Append(d.Code).Append(group.Key.Where)
                            .Append(": ").AppendLine(MarkdownText.Escape(Clip(d.Message, 1_000)));
                    }

                    if (group.Count() > SameDiagnostics)
                    {
                        md.Append("- and ").Append(group.Count() - SameDiagnostics).Append(" more ").Append(severity).Append(' ').Append(group.Key.Code).Append(group.Key.Where)
                            .AppendLine(" (every one is in the JSON report)");
                    }
                }

                md.AppendLine().AppendLine("</details>").AppendLine();
            }
            else
            {
                md.Append(Wording.Plural(diagnostics.Count, "diagnostic")).AppendLine(" in the job summary.").AppendLine();
            }
        }

        md.Append("<sub>").Append(Footer(result, layout)).AppendLine("</sub>");
        return PrintableText.Lines(md.ToString());
    }

    /// <summary>The number of impact rows the full report has (the comment cuts rows last).</summary>
    public static int RowCount(CheckResult result) =>
        result.Outcome != CheckOutcome.Error && ChangeSummary.Applies(result) ? ConsumerGroups.CollapseIdentical(ChangeSummary.Build(result).Consumers).Length : MainRows(result).Count;

    /// <summary>The footer line: a cut notice, the commit, the statistics and a link to the run.</summary>
    public static string Footer(CheckResult result, MarkdownLayout layout)
    {
        var cut = layout.Cut;
        var parts = new List<string>();
        if (cut)
        {
            parts.Add("✂️ shortened to fit GitHub's comment limit; " + SummaryLink(layout, "the full report is in the job summary"));
        }

        if (layout.HeadSha is { Length: >= 7 } sha && sha.All(char.IsAsciiHexDigit))
        {
            parts.Add($"checked at {sha[..7]}");
        }

        parts.Add(MarkdownText.Escape(Wording.StatsLine(result)));
        if (!cut && layout.RunUrl is not null)
        {
            parts.Add(SummaryLink(layout, "job summary"));
        }

        return string.Join(" · ", parts);
    }

    private static string SummaryLink(MarkdownLayout layout, string text) =>
        layout.RunUrl is null ? text : MarkdownText.Link(text, layout.RunUrl.AbsoluteUri);

    /// <summary>
    /// One row per consumer and verdict; rows that differ only in the changed model are one row that names the
    /// models (a consumer 56 changed models reach is one row, not 56).
    /// </summary>
    private static List<Row> MainRows(CheckResult result, IReadOnlyDictionary<string, string>? mentions = null) =>
        [.. result.Impacts
            .Where(i => i.Verdict is ImpactVerdict.Fail or ImpactVerdict.Warn)
            .OrderBy(i => i.Verdict)
            .SelectMany(i => i.Downstream.Where(d => d.Counts).OrderBy(d => d.Depth).ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
                .Select(d => (i.Source, Row: new Row(
                    string.Empty,
                    i.Verdict == ImpactVerdict.Fail ? "❌ blocking" : "⚠️ warning",
                    ResourceCell(d),
                    Cell(d.Type),
                    d.Depth,
                    string.Join(", ", d.Owners.Select(o => OwnerMention.Cell(o, mentions) ?? Cell(o)))))))
            .GroupBy(x => x.Row)
            .Select(g => g.Key with { Source = SourcesCell([.. g.Select(x => x.Source)]) })];

    private static string SourcesCell(List<ImpactSource> sources) => sources.Count == 1
        ? SourceCell(sources[0])
        : $"{sources.Count} changed models: " + NameList.Scoped([.. sources.Select(Wording.SourceLabel)], 3, Cell);

    /// <summary>Acknowledged, ignored and deleted consumers, folded like <see cref="MainRows"/>.</summary>
    private static List<Row> ApartRows(CheckResult result) =>
        [.. result.Impacts
            .Where(i => i.Verdict != ImpactVerdict.Off)
            .SelectMany(i => i.Downstream.Where(d => !d.Counts && !d.ChangedHere).OrderBy(d => d.Depth).ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
                .Select(d => (i.Source, Row: new Row(
                    string.Empty,
                    string.Empty,
                    ResourceCell(d),
                    Cell(d.Type),
                    d.Depth,
                    d.DeletedHere ? "deleted by this change" : d.Ignored ? "ignored by policy" : "acknowledged: " + Cell(d.AcknowledgedReason)))))
            .GroupBy(x => x.Row)
            .Select(g => g.Key with { Source = SourcesCell([.. g.Select(x => x.Source)]) })];

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
