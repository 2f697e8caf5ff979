using System.Globalization;
using System.Text;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>A Mermaid flowchart and whether it is the summary by type (the full graph had too many nodes).</summary>
internal sealed record MermaidDrawing(string Text, bool Summarised, int Resources);

/// <summary>
/// A Mermaid flowchart of the impact (changed table → consumers), coloured by verdict with <c>classDef</c>. Up to
/// the node limit every resource is drawn; above it the graph is summarised: changed models by verdict, consumers
/// by type and verdict, each node with its count, so a large change still gets a picture. Labels come from the
/// catalog, so every character that Mermaid or Markdown could read as syntax is written as a Mermaid entity code
/// (<c>#35;</c>).
/// </summary>
internal static class MermaidGraph
{
    /// <summary>How a node is coloured, worst first.</summary>
    private enum Shade
    {
        Fail,
        Warn,
        Spared,
        Acknowledged,
        Apart,
    }

    private static readonly string[] ClassDefs =
    [
        "classDef fail fill:#ffebe9,stroke:#cf222e,color:#1f2328",
        "classDef warn fill:#fff8c5,stroke:#9a6700,color:#1f2328",
        "classDef spared fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
        "classDef acknowledged fill:#ddf4ff,stroke:#0969da,color:#1f2328",
        "classDef apart fill:#f6f8fa,stroke:#8c959f,color:#59636e,stroke-dasharray:3 3",
    ];

    public static MermaidDrawing? Render(IReadOnlyList<ImpactEntry> impacts, int maxNodes)
    {
        var resources = impacts.SelectMany(i => i.Downstream.Select(d => d.Id)).Concat(impacts.Select(SourceKey)).Distinct(StringComparer.Ordinal).Count();
        if (!impacts.Any(i => !i.Downstream.IsEmpty))
        {
            return null;
        }

        return resources <= maxNodes
            ? new MermaidDrawing(Full(impacts), false, resources)
            : new MermaidDrawing(Summary(impacts, Math.Max(maxNodes, 4)), true, resources);
    }

    private static string Full(IReadOnlyList<ImpactEntry> impacts)
    {
        var graph = new Graph();
        foreach (var impact in impacts)
        {
            var source = graph.Node(SourceKey(impact), SourceLabel(impact.Source), SourceShade(impact.Verdict), source: true);
            foreach (var d in impact.Downstream)
            {
                var note = d.ChangedHere ? " (also changed here)" : d.DeletedHere ? " (deleted here)" : d.Ignored ? " (ignored)" : d.Acknowledged ? " (acknowledged)" : string.Empty;
                var target = graph.Node(d.Id, $"{d.Title} · {d.Type}{note}", ShadeOf(impact, d), source: false);
                var parent = d.Via.IsDefaultOrEmpty ? source : graph.Find(d.Via[^1]) ?? (d.Via[^1].StartsWith("dbt:", StringComparison.Ordinal) ? graph.Find(d.Via[^1][4..]) : null) ?? source;
                graph.Edge(parent, target);
            }
        }

        return graph.ToString();
    }

    /// <summary>Changed models by verdict, consumers by type and verdict; the smallest type groups merge into "other" past the limit.</summary>
    private static string Summary(IReadOnlyList<ImpactEntry> impacts, int maxNodes)
    {
        var sources = impacts.GroupBy(i => SourceShade(i.Verdict)).OrderBy(g => g.Key).ToList();
        var consumers = impacts
            .SelectMany(i => i.Downstream.Select(d => (Impact: i, Entry: d, Shade: ShadeOf(i, d))))
            .GroupBy(x => x.Entry.Id, StringComparer.Ordinal)
            .Select(g => (g.First().Entry, Shade: g.Min(x => x.Shade), Sources: g.Select(x => SourceShade(x.Impact.Verdict)).Distinct().ToList()))
            .ToList();
        var groups = consumers.GroupBy(c => (Type: c.Entry.Type.ToLowerInvariant(), c.Shade)).OrderByDescending(g => g.Count()).ToList();
        var room = Math.Max(1, maxNodes - sources.Count - Enum.GetValues<Shade>().Length);
        var kept = groups.Take(room).Select(g => g.Key).ToHashSet();

        var graph = new Graph();
        foreach (var group in sources)
        {
            graph.Node("s:" + group.Key, $"{Wording.Plural(group.Count(), "changed model")} · {Word(group.Key)}", group.Key, source: true);
        }

        foreach (var c in consumers)
        {
            var type = kept.Contains((c.Entry.Type.ToLowerInvariant(), c.Shade)) ? c.Entry.Type.ToLowerInvariant() : "other";
            var count = type == "other"
                ? consumers.Count(x => x.Shade == c.Shade && !kept.Contains((x.Entry.Type.ToLowerInvariant(), x.Shade)))
                : consumers.Count(x => x.Shade == c.Shade && x.Entry.Type.Equals(c.Entry.Type, StringComparison.OrdinalIgnoreCase));
            var target = graph.Node($"c:{type}:{c.Shade}", $"{count.ToString(CultureInfo.InvariantCulture)} {type} · {Word(c.Shade)}", c.Shade, source: false);
            foreach (var from in c.Sources)
            {
                graph.Edge(graph.Find("s:" + from)!, target);
            }
        }

        return graph.ToString();
    }

    private static Shade SourceShade(ImpactVerdict verdict) => verdict switch
    {
        ImpactVerdict.Fail => Shade.Fail,
        ImpactVerdict.Warn => Shade.Warn,
        ImpactVerdict.Acknowledged => Shade.Acknowledged,
        _ => Shade.Apart,
    };

    private static Shade ShadeOf(ImpactEntry impact, DownstreamEntry d) =>
        d.ChangedHere || d.DeletedHere || d.Ignored ? Shade.Apart
        : d.Acknowledged ? Shade.Acknowledged
        : impact.Verdict is not (ImpactVerdict.Fail or ImpactVerdict.Warn) ? SourceShade(impact.Verdict)
        : d.Breaks == false ? Shade.Spared
        : SourceShade(impact.Verdict);

    private static string Word(Shade shade) => shade switch
    {
        Shade.Fail => "blocking",
        Shade.Warn => "warning",
        Shade.Spared => "spared",
        Shade.Acknowledged => "acknowledged",
        _ => "not counted",
    };

    private static string SourceKey(ImpactEntry impact) => impact.Source.SecodaId ?? "source:" + SourceLabel(impact.Source);

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

    private static string SourceLabel(ImpactSource source) => Wording.SourceLabel(source);

    /// <summary>Nodes (worst shade kept), edges once, and the class lines that colour them.</summary>
    private sealed class Graph
    {
        private readonly Dictionary<string, (string Id, string Label, bool Source, Shade Shade)> nodes = new(StringComparer.Ordinal);
        private readonly List<string> order = [];
        private readonly List<string> edges = [];
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public string Node(string key, string label, Shade shade, bool source)
        {
            if (nodes.TryGetValue(key, out var node))
            {
                nodes[key] = node with { Shade = shade < node.Shade ? shade : node.Shade };
                return node.Id;
            }

            var id = "n" + nodes.Count.ToString(CultureInfo.InvariantCulture);
            nodes[key] = (id, label, source, shade);
            order.Add(key);
            return id;
        }

        public string? Find(string key) => nodes.TryGetValue(key, out var node) ? node.Id : null;

        public void Edge(string from, string to)
        {
            if (from != to && seen.Add(from + ">" + to))
            {
                edges.Add($"  {from} --> {to}");
            }
        }

        public override string ToString()
        {
            var text = new StringBuilder("```mermaid\nflowchart LR\n");
            foreach (var key in order)
            {
                var (id, label, source, _) = nodes[key];
                text.Append("  ").Append(id).Append(source ? $"[[\"{Label(label)}\"]]" : $"[\"{Label(label)}\"]").Append('\n');
            }

            foreach (var edge in edges)
            {
                text.Append(edge).Append('\n');
            }

            foreach (var shade in order.Select(k => nodes[k]).GroupBy(n => n.Shade).OrderBy(g => g.Key))
            {
                text.Append("  ").Append(ClassDefs[(int)shade.Key]).Append('\n');
                text.Append("  class ").Append(string.Join(',', shade.Select(n => n.Id))).Append(' ').Append(shade.Key.ToString().ToLowerInvariant()).Append('\n');
            }

            return text.Append("```\n").ToString();
        }
    }
}
