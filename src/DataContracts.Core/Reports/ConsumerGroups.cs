using System.Collections.Immutable;
using System.Globalization;
using DataContracts.Impact;

namespace DataContracts.Reports;

/// <summary>Where a consumer stands in a report: blocks the merge, only warns, or is spared at column level.</summary>
internal enum ConsumerStanding
{
    Blocking,
    Warning,
    Spared,
}

/// <summary>Consumer rows that would print the same apart from the consumer's name: one report row with a count.</summary>
internal sealed record ConsumerGroup(ImmutableArray<ConsumerRow> Rows)
{
    public ConsumerRow First => Rows[0];

    public int Count => Rows.Length;
}

/// <summary>One owner (as the catalog wrote it; null for consumers nobody owns) and the consumers they own.</summary>
internal sealed record OwnerGroup(string? Owner, ImmutableArray<ConsumerRow> Rows);

/// <summary>
/// The groupings that keep a report scannable at a hundred consumers, shared by the text and Markdown reports:
/// counts by type and by owner, and identical rows folded into one. The JSON report always lists every consumer.
/// </summary>
internal static class ConsumerGroups
{
    public static ConsumerStanding Standing(ConsumerRow row) =>
        row.Spared ? ConsumerStanding.Spared : row.Verdict == ImpactVerdict.Fail ? ConsumerStanding.Blocking : ConsumerStanding.Warning;

    /// <summary>"31 model", "2 dashboard, 1 chart": the count of each type, most first.</summary>
    public static string TypeCounts(IEnumerable<ConsumerRow> rows, Func<string, string> escape) =>
        string.Join(", ", rows.GroupBy(r => r.Entry.Type, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + escape(g.Key)));

    /// <summary>"2 blocking, 29 warning": the count of each standing, in the order a reviewer acts on them.</summary>
    public static string StandingCounts(IEnumerable<ConsumerRow> rows) =>
        string.Join(", ", rows.GroupBy(Standing).OrderBy(g => g.Key)
            .Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + Name(g.Key)));

    public static string Name(ConsumerStanding standing) => standing switch
    {
        ConsumerStanding.Blocking => "blocking",
        ConsumerStanding.Warning => "warning",
        _ => "spared",
    };

    /// <summary>
    /// Per owner, the consumers they own, most first; a consumer with two owners is under both. Consumers with no
    /// owner come last, under null.
    /// </summary>
    public static ImmutableArray<OwnerGroup> ByOwner(IEnumerable<ConsumerRow> rows)
    {
        var list = rows.ToList();
        var owned = list.SelectMany(r => r.Entry.Owners.Distinct(StringComparer.OrdinalIgnoreCase).Select(o => (Owner: o, Row: r)))
            .GroupBy(x => x.Owner, StringComparer.OrdinalIgnoreCase)
            .Select(g => new OwnerGroup(g.First().Owner, [.. g.Select(x => x.Row)]))
            .OrderByDescending(g => g.Rows.Length).ThenBy(g => g.Owner, StringComparer.OrdinalIgnoreCase);
        var nobody = list.Where(r => r.Entry.Owners.IsEmpty).ToImmutableArray();
        return [.. owned, .. nobody.IsEmpty ? [] : new[] { new OwnerGroup(null, nobody) }];
    }

    /// <summary>
    /// Rows that print the same apart from the consumer's name (standing, type, owners, the changed models that
    /// reach them and the path) folded into one, in the order of their first row.
    /// </summary>
    public static ImmutableArray<ConsumerGroup> CollapseIdentical(IEnumerable<ConsumerRow> rows) =>
        [.. rows.GroupBy(r => string.Join("\u0001",
                [Name(Standing(r)), r.Entry.Type, string.Join("\u0002", r.Entry.Owners), string.Join("\u0002", r.ReachedFrom), string.Join("\u0002", r.Via)]),
                StringComparer.Ordinal)
            .Select(g => new ConsumerGroup([.. g]))];
}
