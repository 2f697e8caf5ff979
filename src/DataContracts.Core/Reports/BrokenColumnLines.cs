using DataContracts.Application;

namespace DataContracts.Reports;

/// <summary>
/// Per broken column, the consumers that read it, and per source how many consumers were spared: what a reviewer
/// needs from column-level impact, in plain lines that the text and Markdown reports both print.
/// </summary>
internal static class BrokenColumnLines
{
    private const int ShownReaders = 5;

    public static IReadOnlyList<string> For(CheckResult result)
    {
        var lines = new List<string>();
        foreach (var impact in result.Impacts.Where(i => i.Columns is not null))
        {
            var label = Wording.SourceLabel(impact.Source);
            var titles = impact.Downstream.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
            foreach (var column in impact.Columns!.Broken)
            {
                var readers = column.Readers.Select(id => titles.GetValueOrDefault(id) ?? id).ToList();
                var list = readers.Count == 0
                    ? "no consumer found through column lineage"
                    : "read by " + string.Join(", ", readers.Take(ShownReaders)) + (readers.Count > ShownReaders ? $" and {readers.Count - ShownReaders} more" : string.Empty);
                lines.Add($"{label}.{column.Column}: {list}");
            }

            lines.Add(impact.Columns.Unknown is { } why
                ? $"{label}: no consumer spared ({why})"
                : $"{label}: {impact.Spared} consumer(s) spared: they read none of the broken columns");
        }

        return lines;
    }
}
