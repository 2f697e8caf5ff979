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
                var names = kind.Select(s => P(s.Label) + Added(s)).ToList();
                text.Append("  ").Append(kind.Key).Append(" (").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append("): ")
                    .Append(string.Join(", ", names.Take(CollapsedNames)))
                    .AppendLine(names.Count > CollapsedNames ? $" and {names.Count - CollapsedNames} more" : string.Empty);
            }
        }

        if (!summary.Consumers.IsEmpty)
        {
            text.AppendLine().Append(ansi.Paint($"Consumers ({summary.Consumers.Length})", Ansi.Bold)).AppendLine();
            var rows = summary.Consumers.Select(c => new[]
            {
                c.Spared ? "spared" : c.Verdict == ImpactVerdict.Fail ? "fail" : "warn",
                P(c.Entry.NativeType is null || string.Equals(c.Entry.NativeType, c.Entry.Type, StringComparison.OrdinalIgnoreCase) ? c.Entry.Type : $"{c.Entry.Type} ({c.Entry.NativeType})"),
                P(c.Entry.DisplayName),
                string.Join(", ", c.ReachedFrom.Take(3).Select(P)) + (c.ReachedFrom.Length > 3 ? $" +{c.ReachedFrom.Length - 3}" : string.Empty),
                string.Join(" → ", c.Via.Select(P)),
            }).ToList();
            Table(text, ["verdict", "type", "consumer", "reached from", "via"], rows, ansi);
        }

        if (BrokenColumnLines.For(result) is { Count: > 0 } columnLines)
        {
            text.AppendLine().Append(ansi.Paint("Broken columns", Ansi.Bold)).AppendLine();
            foreach (var line in columnLines)
            {
                text.Append("  ").AppendLine(PrintableText.Value(line));
            }
        }

        if (!summary.AlsoChangedHere.IsEmpty)
        {
            text.AppendLine().Append(ansi.Paint($"Also changed here ({summary.AlsoChangedHere.Length}, rebuilt by this change, not counted as consumers): ", Ansi.Dim))
                .Append(string.Join(", ", summary.AlsoChangedHere.Take(CollapsedNames).Select(P)))
                .AppendLine(summary.AlsoChangedHere.Length > CollapsedNames ? $" and {summary.AlsoChangedHere.Length - CollapsedNames} more" : string.Empty);
        }

        var apart = result.Impacts.SelectMany(i => i.Downstream).Where(d => !d.ChangedHere && (d.Acknowledged || d.Ignored)).DistinctBy(d => d.Id).ToList();
        if (apart.Count > 0)
        {
            text.AppendLine().Append(ansi.Paint("Not counted: ", Ansi.Dim)).AppendLine(string.Join(", ", apart.Select(d => P(d.DisplayName) + (d.Ignored ? " (ignored)" : $" (acknowledged: {P(d.AcknowledgedReason)})"))));
        }
    }

    private static string Added(ClassifiedSource source)
    {
        var added = source.Classification.ColumnChanges.Where(c => c.Change == Classification.ColumnChangeType.Added).Select(c => "+" + P(c.Column)).ToList();
        return added.Count == 0 ? string.Empty : $" ({string.Join(" ", added.Take(3))}{(added.Count > 3 ? " …" : string.Empty)})";
    }
}
