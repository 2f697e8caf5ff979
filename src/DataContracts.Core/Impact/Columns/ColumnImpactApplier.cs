using DataContracts.Application;

namespace DataContracts.Impact.Columns;

/// <summary>
/// Puts a source's column answer on its report entry: <see cref="DownstreamEntry.Breaks"/> per consumer and the
/// per-column readers. Walk keys name catalog nodes by id and dbt-only nodes as <c>dbt:</c> plus the unique id,
/// which is how <see cref="ImpactEvaluator"/> names their entries. A consumer the column answer does not know
/// stays null (counted as breaking).
/// </summary>
internal static class ColumnImpactApplier
{
    public static ImpactEntry Apply(ImpactEntry entry, ColumnImpact impact)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(impact);
        var downstream = entry.Downstream.Select(d => d with
        {
            Breaks = impact.Breaks.TryGetValue(d.Id, out var breaks) || impact.Breaks.TryGetValue("dbt:" + d.Id, out breaks) ? breaks : null,
        });
        return entry with
        {
            Downstream = [.. downstream],
            Columns = new ColumnSummary
            {
                Broken = [.. impact.Readers
                    .Select(r => new ColumnReaders(r.Key, r.Value))
                    .Concat(impact.Unmatched.Select(c => new ColumnReaders(c, [])))
                    .OrderBy(r => r.Column, StringComparer.OrdinalIgnoreCase)],
                Unknown = impact.Unknown,
            },
        };
    }
}
