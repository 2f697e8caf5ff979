using System.Globalization;
using System.Text;
using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Impact;

namespace DataContracts.Reports;

/// <summary>
/// The Markdown layout of a classified result: breaking and unknown changes in a table with their column
/// changes, non-breaking ones collapsed by kind, one row per consumer with what reaches it and the path, and
/// the models this change rebuilds in a collapsed list. <see cref="MarkdownLayout.RowLimit"/> cuts consumers.
/// </summary>
internal static partial class MarkdownReport
{
    private const int MaxNames = 60;

    private static void Classified(StringBuilder md, CheckResult result, MarkdownLayout layout)
    {
        var summary = ChangeSummary.Build(result);
        var blocking = summary.Breaking.Concat(summary.Unknown).ToList();
        if (blocking.Count > 0)
        {
            md.Append("#### Breaking").Append(summary.Unknown.IsEmpty ? string.Empty : " and unknown").Append(" (").Append(blocking.Count.ToString(CultureInfo.InvariantCulture)).AppendLine(")").AppendLine();
            md.AppendLine("| changed model | class | verdict | column changes | why | evidence |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var source in blocking)
            {
                var k = source.Classification;
                var contract = source.Contract is null ? " (uncontracted)" : $" (contract {Cell(source.Contract)})";
                md.Append("| ").Append(Cell(source.Label)).Append(contract)
                    .Append(" | ").Append(k.Class == ChangeClass.Breaking ? "breaking" : "unknown")
                    .Append(" | ").Append(VerdictCell(source.Verdict))
                    .Append(" | ").Append(string.Join("<br>", k.ColumnChanges.Take(10).Select(c => Cell(ChangeSummary.Describe(c)))))
                    .Append(k.ColumnChanges.Length > 10 ? $"<br>… {k.ColumnChanges.Length - 10} more" : string.Empty)
                    .Append(" | ").Append(string.Join("; ", k.Reasons.Where(r => r.Kind != ReasonKind.Column).Take(3).Select(r => Cell(r.Text))))
                    .Append(" | ").Append(k.Evidence.ToString().ToLowerInvariant()).AppendLine(" |");
            }

            md.AppendLine();
        }

        if (!summary.NonBreaking.IsEmpty)
        {
            md.Append("<details><summary>Non-breaking (").Append(summary.NonBreaking.Length.ToString(CultureInfo.InvariantCulture)).Append("): ")
                .Append(string.Join(", ", summary.NonBreaking.GroupBy(s => ChangeSummary.KindName(s.Classification.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")))
                .AppendLine("</summary>").AppendLine();
            // Models with the same kind and the same column changes share one line: an additive pull request is a few lines, not one per model.
            foreach (var group in summary.NonBreaking
                .GroupBy(s => (s.Classification.Kind, Columns: string.Join(", ", s.Classification.ColumnChanges.Select(ChangeSummary.Describe))))
                .OrderBy(g => ChangeSummary.KindName(g.Key.Kind), StringComparer.Ordinal).ThenByDescending(g => g.Count()))
            {
                var names = group.Select(s => s.Label).ToList();
                var why = group.Key.Kind == ChangeKind.Logic
                    ? " — " + Cell(string.Join("; ", group.SelectMany(s => s.Classification.Reasons).Where(r => r.Kind == ReasonKind.Rows).Select(r => r.Text).Distinct().Take(2)))
                    : string.Empty;
                md.Append("- **").Append(ChangeSummary.KindName(group.Key.Kind)).Append("**")
                    .Append(group.Key.Columns.Length == 0 ? string.Empty : " (" + Cell(group.Key.Columns) + ")").Append(why).Append(": ")
                    .Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append(" — ").AppendLine(NameList.Scoped(names, MaxNames, Cell));
            }

            md.AppendLine().AppendLine("</details>").AppendLine();
        }

        Consumers(md, summary.Consumers, layout);

        if (BrokenColumnLines.For(result) is { Count: > 0 } columnLines)
        {
            md.AppendLine().Append("#### ").AppendLine(BrokenColumnLines.Heading(result)).AppendLine();
            foreach (var line in columnLines)
            {
                md.Append("- ").AppendLine(MarkdownText.Escape(line));
            }
        }

        if (!summary.AlsoChangedHere.IsEmpty)
        {
            md.Append("<details><summary>Also changed here (").Append(summary.AlsoChangedHere.Length.ToString(CultureInfo.InvariantCulture))
                .AppendLine("): rebuilt by this change, not counted as consumers</summary>").AppendLine();
            md.AppendLine(NameList.Scoped(summary.AlsoChangedHere, MaxNames * 2, Cell));
            md.AppendLine().AppendLine("</details>").AppendLine();
        }
    }

    private static string VerdictCell(ImpactVerdict? verdict) => verdict switch
    {
        ImpactVerdict.Fail => "❌ blocking",
        ImpactVerdict.Warn => "⚠️ warning",
        ImpactVerdict.Acknowledged => "✅ acknowledged",
        ImpactVerdict.Off => "off",
        _ => "no consumers",
    };
}
