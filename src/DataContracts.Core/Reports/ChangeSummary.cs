using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Impact;

namespace DataContracts.Reports;

/// <summary>
/// One consumer, once: the worst verdict over the changed models that reach it, which ones, and the shortest path.
/// <see cref="Spared"/>: every change that reaches it breaks only columns it does not read (column-level impact).
/// </summary>
internal sealed record ConsumerRow(DownstreamEntry Entry, ImpactVerdict Verdict, ImmutableArray<string> ReachedFrom, ImmutableArray<string> Via)
{
    public bool Spared { get; init; }
}

/// <summary>One changed table (or model) with its class, for the breaking, unknown and non-breaking lists.</summary>
internal sealed record ClassifiedSource(string Label, ChangeClassification Classification, string? Contract, string File, string? Reason, ImpactVerdict? Verdict);

/// <summary>
/// The reviewer's view of a classified result, shared by the text and Markdown reports: the changes by class,
/// every real consumer once (not once per changed model), and the models this change rebuilds, apart.
/// </summary>
internal sealed record ChangeSummary
{
    public required ImmutableArray<ClassifiedSource> Breaking { get; init; }

    public required ImmutableArray<ClassifiedSource> Unknown { get; init; }

    public required ImmutableArray<ClassifiedSource> NonBreaking { get; init; }

    public required ImmutableArray<ConsumerRow> Consumers { get; init; }

    /// <summary>Changed models that other changed models feed: rebuilt here, not consumers.</summary>
    public required ImmutableArray<string> AlsoChangedHere { get; init; }

    /// <summary>True when the result was classified against some base; else part one's layout stands.</summary>
    public static bool Applies(CheckResult result) =>
        result.Changes.Any(c => c.Classification is { } k && (k.Evidence != Evidence.None || k.Class != ChangeClass.Unknown));

    public static ChangeSummary Build(CheckResult result)
    {
        var verdicts = result.Impacts.GroupBy(i => Wording.SourceLabel(i.Source), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(i => i.Verdict), StringComparer.Ordinal);
        var sources = result.Changes
            .Where(c => c.Classification is not null)
            .GroupBy(c => c.Table ?? string.Join(", ", c.Models), StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var classification = g.Count() == 1 ? first.Classification! : ChangeClassification.Worst(g.Select(c => c.Classification!));
                return new ClassifiedSource(g.Key, classification, first.Contract, first.File, first.Reason, verdicts.TryGetValue(g.Key, out var v) ? v : null);
            })
            .OrderBy(s => s.Label, StringComparer.Ordinal)
            .ToList();

        return new ChangeSummary
        {
            Breaking = [.. sources.Where(s => s.Classification.Class == ChangeClass.Breaking)],
            Unknown = [.. sources.Where(s => s.Classification.Class == ChangeClass.Unknown)],
            NonBreaking = [.. sources.Where(s => s.Classification.Class == ChangeClass.NonBreaking)],
            Consumers = BuildConsumers(result),
            AlsoChangedHere = [.. result.Changes.Where(c => !c.DownstreamOf.IsEmpty).Select(c => c.Table ?? string.Join(", ", c.Models)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>"catalog", or "catalog 40, sql 3" when the changes were decided on different evidence.</summary>
    public static string EvidenceLevel(CheckResult result)
    {
        var levels = result.Changes.Where(c => c.Classification is not null)
            .GroupBy(c => c.Table ?? string.Join(", ", c.Models), StringComparer.Ordinal)
            .Select(g => g.Max(c => c.Classification!.Evidence))
            .GroupBy(e => e)
            .OrderBy(g => g.Key)
            .Select(g => (Name: g.Key.ToString().ToLowerInvariant(), Count: g.Count()))
            .ToList();
        return levels.Count switch
        {
            0 => "none",
            1 => levels[0].Name,
            _ => string.Join(", ", levels.Select(l => $"{l.Name} {l.Count}")),
        };
    }

    private static ImmutableArray<ConsumerRow> BuildConsumers(CheckResult result)
    {
        var rows = new Dictionary<string, (DownstreamEntry Entry, ImpactVerdict Verdict, SortedSet<string> From, ImmutableArray<string> Via)>(StringComparer.Ordinal);
        var breaks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var impact in result.Impacts.Where(i => i.Verdict is ImpactVerdict.Fail or ImpactVerdict.Warn))
        {
            var label = Wording.SourceLabel(impact.Source);
            var names = impact.Downstream.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
            foreach (var d in impact.Downstream.Where(d => d.Counts))
            {
                var via = d.Via.Skip(1).Select(id => NameOf(names, id)).Prepend(label).ToImmutableArray();

                // A consumer spared at column level is not blocked by this source, whatever its verdict.
                var verdict = d.Breaks == false && impact.Verdict == ImpactVerdict.Fail ? ImpactVerdict.Warn : impact.Verdict;
                if (d.Breaks != false)
                {
                    breaks.Add(d.Id);
                }

                if (!rows.TryGetValue(d.Id, out var row))
                {
                    rows[d.Id] = (d, verdict, new SortedSet<string>(StringComparer.Ordinal) { label }, via);
                    continue;
                }

                row.From.Add(label);
                var shorter = d.Depth < row.Entry.Depth;
                rows[d.Id] = (shorter ? d : row.Entry, verdict < row.Verdict ? verdict : row.Verdict, row.From, shorter ? via : row.Via);
            }
        }

        return [.. rows.Values
            .OrderBy(r => r.Verdict)
            .ThenBy(r => r.Entry.Type is "table" or "view" or "model" ? 1 : 0)
            .ThenBy(r => r.Entry.Depth)
            .ThenBy(r => r.Entry.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new ConsumerRow(r.Entry, r.Verdict, [.. r.From], r.Via) { Spared = !breaks.Contains(r.Entry.Id) })];
    }

    /// <summary>A node's name for a path; dbt's lineage writes its nodes in <c>via</c> as <c>dbt:</c> + the unique id.</summary>
    internal static string NameOf(IReadOnlyDictionary<string, string> names, string id) =>
        names.GetValueOrDefault(id) ?? (id.StartsWith("dbt:", StringComparison.Ordinal) ? names.GetValueOrDefault(id[4..]) : null) ?? id;

    /// <summary>"removed status (varchar)", "retyped id: integer → bigint", "added note".</summary>
    public static string Describe(ColumnChange change) => change.Change switch
    {
        ColumnChangeType.Removed => change.Before is null ? $"removed {change.Column}" : $"removed {change.Column} ({change.Before})",
        ColumnChangeType.Retyped => $"retyped {change.Column}: {change.Before} → {change.After}",
        _ => $"added {change.Column}",
    };

    /// <summary>"logic", "additive", … for a non-breaking change.</summary>
    public static string KindName(ChangeKind? kind) => kind.Name();
}
