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

        var consumers = warned.SelectMany(w => w.Downstream).Where(d => d.Counts).Select(d => d.Id).Distinct(StringComparer.Ordinal).Count();
        var kinds = warned.GroupBy(w => w.Source.Classification?.Kind.Name())
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var names = warned.Select(w => w.Source.Source.Table ?? string.Join(", ", w.Source.Source.Models)).Distinct(StringComparer.Ordinal).ToArray();
        var first = warned[0].Source.Source;
        return DiagnosticCodes.NonBreakingImpact.Create(
            $"{names.Length} non-breaking change(s) ({string.Join(", ", kinds)}) have {consumers} downstream consumer(s) between them: "
            + string.Join(", ", names.Take(5)) + (names.Length > 5 ? $" and {names.Length - 5} more" : string.Empty) + ".",
            new SourceLocation(first.File, first.Line, 1),
            "Nothing they read was removed or retyped; review 'logic' changes, whose rows or values may differ. Set policy.on_non_breaking: off to silence this.");
    }
}
