using System.Text;
using DataContracts.Checking;
using DataContracts.Diagnostics;

namespace DataContracts.Reports;

/// <summary>The Markdown report (job summary, PR comment body): verdict first, one table per impacted model, details collapsed.</summary>
public static class MarkdownReport
{
    public static string Render(CheckResult result)
    {
        var md = new StringBuilder();
        var icon = Wording.Icon(result.Outcome);
        md.Append("### ").Append(icon).Append(" DataContracts: ").Append(Wording.Verdict(result.Outcome)).Append(" — ")
            .AppendLine(MarkdownText.Escape(Wording.Headline(result)));
        md.AppendLine();

        foreach (var impact in result.Impacts)
        {
            var verdict = impact.Verdict switch
            {
                ImpactVerdict.Fail => "❌ blocking",
                ImpactVerdict.Warn => "⚠️ warning",
                ImpactVerdict.Acknowledged => "✅ acknowledged",
                _ => "off",
            };
            md.Append("#### ").Append(MarkdownText.Escape(Wording.SourceLabel(impact.Source))).Append(" · ").Append(verdict);
            if (impact.Source.Contract is not null)
            {
                md.Append(" · contract `").Append(impact.Source.Contract.Replace("`", "'", StringComparison.Ordinal)).Append('`');
            }

            md.AppendLine().AppendLine();
            md.AppendLine("| depth | type | resource | owners | note |");
            md.AppendLine("|---:|---|---|---|---|");
            foreach (var d in impact.Downstream)
            {
                var note = d.Ignored ? "ignored" : d.Acknowledged ? "acknowledged: " + MarkdownText.Escape(d.AcknowledgedReason) : string.Empty;
                md.Append("| ").Append(d.Depth).Append(" | ").Append(MarkdownText.Escape(d.Type)).Append(" | ")
                    .Append(MarkdownText.Link(d.DisplayName, d.Url)).Append(" | ")
                    .Append(string.Join(", ", d.Owners.Select(MarkdownText.Escape))).Append(" | ").Append(note).AppendLine(" |");
            }

            md.AppendLine();
        }

        var shown = result.Diagnostics.Where(d => d.Severity != Severity.Info).ToList();
        if (shown.Count > 0)
        {
            md.AppendLine("<details><summary>Diagnostics</summary>").AppendLine();
            foreach (var d in shown)
            {
                var where = d.Location is null ? string.Empty : $" `{d.Location.File.Replace("`", "'", StringComparison.Ordinal)}{(d.Location.Line > 0 ? ":" + d.Location.Line : string.Empty)}`";
                md.Append("- **").Append(d.Severity == Severity.Error ? "error" : "warning").Append("** ").Append(d.Code).Append(where)
                    .Append(": ").AppendLine(MarkdownText.Escape(d.Message));
            }

            md.AppendLine().AppendLine("</details>").AppendLine();
        }

        md.Append("<sub>").Append(MarkdownText.Escape(Wording.CoverageLine(result))).Append(" · ")
            .Append(MarkdownText.Escape(Wording.StatsLine(result))).AppendLine("</sub>");
        return md.ToString();
    }
}
