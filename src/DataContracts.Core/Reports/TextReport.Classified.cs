using System.Globalization;
using System.Text;
using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// The terminal layout of a classified result: breaking (and unknown) changes first with their column changes,
/// non-breaking ones collapsed to a line per kind, then every consumer once with what reaches it and the path,
/// and the models this change rebuilds apart.
/// </summary>
internal static partial class TextReport
{
    private const int CollapsedNames = 8;

    private static void Classified(StringBuilder text, CheckResult result, Ansi ansi, string workingDirectory)
    {
        var summary = ChangeSummary.Build(result);
        foreach (var (title, sources) in new[] { ("Breaking", summary.Breaking), ("Unknown (counted as breaking)", summary.Unknown) })
        {
            if (sources.IsEmpty)
            {
                continue;
            }

            text.AppendLine().Append(ansi.Paint($"{title} ({sources.Length})", Ansi.Bold)).AppendLine();
            foreach (var source in sources)
            {
                var mark = source.Verdict switch
                {
                    ImpactVerdict.Fail => ansi.Paint("✗ fail", Ansi.Red),
                    ImpactVerdict.Warn => ansi.Paint("! warn", Ansi.Yellow),
                    ImpactVerdict.Acknowledged => ansi.Paint("✓ acknowledged", Ansi.Green),
                    ImpactVerdict.Off => ansi.Paint("- off", Ansi.Dim),
                    _ => ansi.Paint("· no consumers", Ansi.Dim),
                };
                var contract = source.Contract is null ? "uncontracted" : $"contract {P(source.Contract)}";
                text.Append("  ").Append(mark).Append("  ").Append(ansi.Paint(P(source.Label), Ansi.Bold))
                    .Append("  (").Append(contract).Append(", ").Append(P(Display(source.File, result, workingDirectory)))
                    .Append(", evidence ").Append(source.Classification.Evidence.ToString().ToLowerInvariant()).AppendLine(")");
                foreach (var change in source.Classification.ColumnChanges)
                {
                    text.Append("      ").AppendLine(P(ChangeSummary.Describe(change)));
                }

                foreach (var reason in source.Classification.Reasons.Where(r => r.Kind != ReasonKind.Column).Select(r => r.Text))
                {
                    text.Append("      ").AppendLine(ansi.Paint(P(reason), Ansi.Dim));
                }
            }
        }

        if (!summary.NonBreaking.IsEmpty)
        {
            text.AppendLine().Append(ansi.Paint($"Non-breaking ({summary.NonBreaking.Length})", Ansi.Bold)).AppendLine();
            foreach (var kind in summary.NonBreaking.GroupBy(s => ChangeSummary.KindName(s.Classification.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var names = kind.Select(s => s.Label).ToList();
                var added = kind.SelectMany(s => s.Classification.ColumnChanges).Where(c => c.Change == Classification.ColumnChangeType.Added)
                    .Select(c => c.Column).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                text.Append("  ").Append(kind.Key).Append(" (").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append(')')
                    .Append(added.Count == 0 ? string.Empty : $", adding {string.Join(" ", added.Take(3).Select(c => "+" + P(c)))}{(added.Count > 3 ? $" and {added.Count - 3} more" : string.Empty)}")
                    .Append(": ").AppendLine(NameList.Scoped(names, CollapsedNames, P));
            }
        }

        if (!summary.Consumers.IsEmpty)
        {
            text.AppendLine().Append(ansi.Paint($"Consumers ({summary.Consumers.Length}): {ConsumerGroups.StandingCounts(summary.Consumers)} · {ConsumerGroups.TypeCounts(summary.Consumers, P)}", Ansi.Bold)).AppendLine();
            var owners = ConsumerGroups.ByOwner(summary.Consumers);
            if (owners is not [{ Owner: null }])
            {
                text.Append("  by owner: ").AppendLine(string.Join("; ", owners.Select(g => $"{(g.Owner is null ? "no owner listed" : P(g.Owner))} {g.Rows.Length} ({ConsumerGroups.TypeCounts(g.Rows, P)})")));
            }

            // Rows that would print the same apart from the name are one row: "a, b, c (3)".
            var rows = ConsumerGroups.CollapseIdentical(summary.Consumers).Select(g => new[]
            {
                ConsumerGroups.Name(ConsumerGroups.Standing(g.First)),
                P(g.First.Entry.NativeType is null || string.Equals(g.First.Entry.NativeType, g.First.Entry.Type, StringComparison.OrdinalIgnoreCase) ? g.First.Entry.Type : $"{g.First.Entry.Type} ({g.First.Entry.NativeType})"),
                g.Count == 1 ? P(g.First.Entry.DisplayName) : $"{string.Join(", ", g.Rows.Select(r => P(r.Entry.DisplayName)))} ({g.Count})",
                NameList.Scoped(g.First.ReachedFrom, 3, P),
                string.Join(" → ", g.First.Via.Select(P)),
            }).ToList();
            Table(text, ["verdict", "type", "consumer", "reached from", "via"], rows, ansi);
        }

        if (BrokenColumnLines.For(result) is { Count: > 0 } columnLines)
        {
            text.AppendLine().Append(ansi.Paint(BrokenColumnLines.Heading(result), Ansi.Bold)).AppendLine();
            foreach (var line in columnLines)
            {
                text.Append("  ").AppendLine(PrintableText.Value(line));
            }
        }

        if (!summary.AlsoChangedHere.IsEmpty)
        {
            text.AppendLine().Append(ansi.Paint($"Also changed here ({summary.AlsoChangedHere.Length}, rebuilt by this change, not counted as consumers): ", Ansi.Dim))
                .AppendLine(NameList.Scoped(summary.AlsoChangedHere, CollapsedNames, P));
        }

        var apart = result.Impacts.SelectMany(i => i.Downstream).Where(d => !d.ChangedHere && (d.Acknowledged || d.Ignored)).DistinctBy(d => d.Id).ToList();
        if (apart.Count > 0)
        {
            // Every one is in the JSON report; a terminal shows as many as the other collapsed lists.
            var shown = apart.Take(CollapsedNames).Select(d => P(d.DisplayName) + (d.Ignored ? " (ignored)" : $" (acknowledged: {P(d.AcknowledgedReason)})"));
            var rest = apart.Count > CollapsedNames ? $" and {apart.Count - CollapsedNames} more (all in the JSON report)" : string.Empty;
            text.AppendLine().Append(ansi.Paint($"Not counted ({apart.Count}): ", Ansi.Dim)).AppendLine(string.Join(", ", shown) + rest);
        }
    }
}
