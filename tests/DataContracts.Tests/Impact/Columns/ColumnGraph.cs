using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Impact;
using DataContracts.Impact.Columns;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// Builds the analysis input by hand: table-level edges (what the walk saw) and column lineage (what the catalog
/// said), so each test states its graph in a few lines. Column ids are written <c>table.column</c>.
/// </summary>
internal sealed class ColumnGraph(string source)
{
    private readonly List<WalkEdge> _edges = [];
    private readonly Dictionary<string, List<string>> _downstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogResource> _resources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notFollowed = [];

    public string Source => source;

    /// <summary>Table-level edges: a chain a → b → c.</summary>
    public ColumnGraph Tables(params string[] chain)
    {
        for (var i = 1; i < chain.Length; i++)
        {
            _edges.Add(new WalkEdge(chain[i - 1], chain[i]));
        }

        return this;
    }

    /// <summary>Column lineage <c>from</c> → <c>to</c>; a dotted id is a column of the table before the dot, anything else a resource (chart).</summary>
    public ColumnGraph Column(string from, string to)
    {
        Describe(from);
        Describe(to);
        if (!_downstream.TryGetValue(from, out var list))
        {
            _downstream[from] = list = [];
        }

        list.Add(to);
        return this;
    }

    /// <summary>A column of the source with no lineage at all (the reader still read its one hop).</summary>
    public ColumnGraph SourceColumn(string name)
    {
        Describe($"{source}.{name}");
        _downstream.TryAdd($"{source}.{name}", []);
        return this;
    }

    /// <summary>Forgets what a node is, as when the catalog cannot describe it.</summary>
    public ColumnGraph Undescribed(string id)
    {
        _resources.Remove(id);
        return this;
    }

    public ColumnGraph NotFollowed(string id)
    {
        _notFollowed.Add(id);
        return this;
    }

    public ColumnImpact Analyze(params string[] broken) => ColumnImpactAnalyzer.Analyze(Input(broken));

    public ColumnImpactInput Input(params string[] broken)
    {
        var nodes = _edges.SelectMany(e => new[] { e.From, e.To }).Where(n => n != source).Distinct().ToImmutableArray();
        var columns = _resources.Values.Where(r => r.IsColumn && r.ParentId == source).OrderBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
        // The reader reads one hop from every source column; columns without lineage have an empty entry.
        foreach (var column in columns)
        {
            _downstream.TryAdd(column.Id, []);
        }

        return new ColumnImpactInput
        {
            Broken = new BrokenColumns(source, [.. broken]),
            Nodes = nodes,
            Edges = [.. _edges],
            Lineage = new ColumnLineage
            {
                Columns = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create(source, columns)]),
                Downstream = _downstream.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.OrdinalIgnoreCase),
                Resources = _resources.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
                NotFollowed = [.. _notFollowed],
            },
        };
    }

    private void Describe(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            _resources.TryAdd(id, new CatalogResource { Id = id, Title = id, EntityType = "chart" });
            return;
        }

        _resources[id] = new CatalogResource { Id = id, Title = id[(dot + 1)..], EntityType = "column", ParentId = id[..dot] };
        _resources.TryAdd(id[..dot], new CatalogResource { Id = id[..dot], Title = id[..dot], EntityType = "table" });
    }
}
