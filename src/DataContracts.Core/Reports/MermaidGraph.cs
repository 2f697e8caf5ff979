using System.Globalization;
using System.Text;
using DataContracts.Application;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// A small Mermaid flowchart of the impact (changed table → consumers), or nothing when the graph is too big
/// to read or to render (Mermaid refuses large texts). Labels come from the catalog, so every character that
/// Mermaid or Markdown could read as syntax is written as a Mermaid entity code (<c>#35;</c>).
/// </summary>
internal static class MermaidGraph
{
    public static string? Render(IReadOnlyList<ImpactEntry> impacts, int maxNodes)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<string>();
        var edges = new HashSet<string>(StringComparer.Ordinal);

        string Node(string key, string label, string shape)
        {
            if (!ids.TryGetValue(key, out var id))
            {
                id = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids[key] = id;
                lines.Add(shape == "source" ? $"  {id}[[\"{Label(label)}\"]]" : $"  {id}[\"{Label(label)}\"]");
            }

            return id;
        }

        foreach (var impact in impacts)
        {
            var sourceKey = impact.Source.SecodaId ?? "source:" + Wording(impact.Source);
            var source = Node(sourceKey, Wording(impact.Source), "source");
            foreach (var d in impact.Downstream)
            {
                var note = d.Ignored ? " (ignored)" : d.Acknowledged ? " (acknowledged)" : string.Empty;
                var target = Node(d.Id, $"{d.Title} · {d.Type}{note}", "resource");
                var parent = d.Via.IsDefaultOrEmpty || !ids.TryGetValue(d.Via[^1], out var p) ? source : p;
                if (parent != target && edges.Add(parent + ">" + target))
                {
                    lines.Add($"  {parent} --> {target}");
                }

                if (ids.Count > maxNodes)
                {
                    return null;
                }
            }
        }

        if (edges.Count == 0)
        {
            return null;
        }

        return "```mermaid\nflowchart LR\n" + string.Join('\n', lines) + "\n```\n";
    }

    /// <summary>Keeps letters, digits and a few inert characters; everything else becomes <c>#code;</c>.</summary>
    internal static string Label(string text)
    {
        text = PrintableText.Value(text);
        var clipped = text.Length > 80 ? text[..79] + "…" : text;
        var result = new StringBuilder(clipped.Length + 16);
        foreach (var rune in clipped.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is ' ' or '.' or '_' or '-' or '/' or ',' or '·' or '…')
            {
                result.Append(rune.ToString());
            }
            else if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune))
            {
                result.Append(' ');
            }
            else
            {
                result.Append('#').Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
            }
        }

        return result.ToString();
    }

    private static string Wording(ImpactSource source) => Reports.Wording.SourceLabel(source);
}
