using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Impact;

namespace DataContracts.Reports;

/// <summary>
/// Per broken (or, for a logic change, value-changed) column, the consumers that read it, and per source how many
/// consumers were spared: what a reviewer needs from column-level impact, in plain lines that the text and Markdown
/// reports both print under <see cref="Heading"/>.
/// </summary>
internal static class BrokenColumnLines
{
    private const int ShownReaders = 5;

    /// <summary>
    /// A breaking change breaks its columns (removed or retyped); a logic change keeps them but their values may
    /// change, so it must not be called broken.
    /// </summary>
    public static bool Breaks(ImpactEntry impact) => impact.Source.Classification is not { Class: ChangeClass.NonBreaking };

    /// <summary>"Broken columns", "Columns whose values change", or both when the result has both kinds.</summary>
    public static string Heading(CheckResult result)
    {
        var withColumns = result.Impacts.Where(i => i.Columns is not null).ToList();
        return withColumns.All(Breaks) ? "Broken columns"
            : withColumns.Any(Breaks) ? "Broken columns and columns whose values change"
            : "Columns whose values change";
    }

    public static IReadOnlyList<string> For(CheckResult result)
    {
        var lines = new List<string>();
        foreach (var impact in result.Impacts.Where(i => i.Columns is not null))
        {
            var label = Wording.SourceLabel(impact.Source);
            var breaks = Breaks(impact);
            var titles = impact.Downstream.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
            foreach (var column in impact.Columns!.Broken)
            {
                var readers = column.Readers.Select(id => titles.GetValueOrDefault(id) ?? id).ToList();
                var list = readers.Count == 0
                    ? "no consumer found through column lineage"
                    : "read by " + string.Join(", ", readers.Take(ShownReaders)) + (readers.Count > ShownReaders ? $" and {readers.Count - ShownReaders} more" : string.Empty);
                lines.Add($"{label}.{column.Column}{(breaks ? string.Empty : " (values may change)")}: {list}");
            }

            var what = breaks ? "the broken columns" : "the columns whose values change";
            lines.Add(impact.Columns.Unknown is { } why
                ? $"{label}: no consumer spared ({why})"
                : $"{label}: {impact.Spared} consumer(s) spared: they read none of {what}");
        }

        return lines;
    }
}
