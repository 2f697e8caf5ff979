using System.Collections.Immutable;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Application;

/// <summary>What the change's class adds to the verdict: models rebuilt here apart, one summary for non-breaking impact.</summary>
internal static partial class ImpactEvaluator
{
    /// <summary>The key a model rebuilt by this change is known by in <c>changedHere</c>.</summary>
    public static string TableKey(string table) => "table:" + table.ToLowerInvariant();

    private static DownstreamEntry MarkChangedHere(DownstreamEntry entry, WalkedNode node, IReadOnlySet<string>? changedHere, IReadOnlySet<string>? deletedHere)
    {
        return Hit(deletedHere) ? entry with { DeletedHere = true }
            : Hit(changedHere) ? entry with { ChangedHere = true }
            : entry;

        bool Hit(IReadOnlySet<string>? keys) => keys is { Count: > 0 }
            && ((node.DbtId is not null && keys.Contains(node.DbtId))
                || (node.CatalogId is not null && keys.Contains(node.CatalogId))
                || (entry.FullName is not null && keys.Contains(TableKey(entry.FullName))));
    }

    /// <summary>" Change: breaking (column status removed)." for messages; nothing when the change was not classified or has no base.</summary>
    private static string ClassText(ChangeClassification? classification)
    {
        if (classification is null || (classification.Class == ChangeClass.Unknown && classification.Evidence == Evidence.None && classification.ColumnChanges.IsEmpty))
        {
            return string.Empty;
        }

        var name = classification.Class switch
        {
            ChangeClass.Breaking => "breaking",
            ChangeClass.NonBreaking => "non-breaking",
            _ => "unknown (counted as breaking)",
        };
        var why = string.Join("; ", classification.ReasonTexts.Take(3)) + (classification.Reasons.Length > 3 ? $"; {classification.Reasons.Length - 3} more" : string.Empty);
        return why.Length == 0 ? $" Change: {name}." : $" Change: {name} ({why}).";
    }

    private static Diagnostic? NonBreakingSummary(List<(PlannedSource Source, ImmutableArray<DownstreamEntry> Downstream)> warned)
    {
        if (warned.Count == 0)
        {
            return null;
        }

        var consumers = warned.SelectMany(w => w.Downstream).Where(d => d.Counts).DistinctBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => d.DisplayName).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var kinds = warned.Select(w => w.Source.Classification?.Kind).Distinct().ToArray();
        var kindCounts = warned.GroupBy(w => w.Source.Classification?.Kind.Name())
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var names = warned.Select(w => w.Source.Source.Table ?? string.Join(", ", w.Source.Source.Models)).Distinct(StringComparer.Ordinal).ToArray();
        var first = warned[0].Source.Source;
        return DiagnosticCodes.NonBreakingImpact.Create(
            $"{consumers.Length} downstream consumer(s) read what {names.Length} non-breaking change(s) ({string.Join(", ", kindCounts)}) rebuild: "
            + Few(consumers) + ". Changed: " + Few(names) + ".",
            new SourceLocation(first.File, first.Line, 1),
            Hint(kinds) + " Set policy.on_non_breaking: off to silence this.");
    }

    private static string Few(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : string.Empty);

    /// <summary>What a reviewer should do, for the kinds present only: no 'logic' advice when nothing is logic.</summary>
    private static string Hint(IReadOnlyCollection<ChangeKind?> kinds) =>
        kinds.Contains(ChangeKind.Logic) ? "Nothing they read was removed or retyped; review the 'logic' changes, whose rows or values may differ."
        : kinds.All(k => k == ChangeKind.Cosmetic) ? "Only formatting, comments, docs, config or no-op casts changed: rows, values and columns stay as they are."
        : kinds.Contains(ChangeKind.Additive) ? "Columns were only added (or models are new); nothing they read was removed or retyped."
        : "Nothing they read was removed or retyped.";
}
