using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Impact;

/// <summary>A place to start walking from: a catalog id, a dbt node, or both.</summary>
internal sealed record WalkStart(string? CatalogId, string? DbtId)
{
    public string Key => CatalogId ?? "dbt:" + DbtId;
}

/// <summary>A node reached downstream of a start.</summary>
internal sealed record WalkedNode(string Key, string? CatalogId, string? DbtId, int Depth, ImmutableArray<string> Via);

internal sealed record WalkResult
{
    public required ImmutableDictionary<string, ImmutableArray<WalkedNode>> Downstream { get; init; }

    /// <summary>Details of every catalog node reached (and of the starts).</summary>
    public required ImmutableDictionary<string, CatalogResource> Resources { get; init; }

    /// <summary>Nodes at max_depth whose own downstream was not followed.</summary>
    public int NodesAtDepthLimit { get; init; }

    /// <summary>Why the walk stopped before it was done (the deadline, the request budget); null when it finished.</summary>
    public Diagnostic? Interruption { get; init; }

    /// <summary>Keys of the starts whose walk was cut short by <see cref="Interruption"/>.</summary>
    public ImmutableArray<string> Unfinished { get; init; } = [];
    /// <summary>
    /// Per start, every lineage edge the walk saw between the start and the nodes it reached (node keys), not
    /// only the first path (<see cref="WalkedNode.Via"/>): column-level impact needs every path to a node.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<WalkEdge>> Edges { get; init; } = ImmutableDictionary<string, ImmutableArray<WalkEdge>>.Empty;
}

/// <summary>One table-level edge seen by the walk, between node keys: data flows from <see cref="From"/> to <see cref="To"/>.</summary>
internal sealed record WalkEdge(string From, string To);

/// <summary>
/// Breadth-first walk downstream over the catalog's one-hop lineage merged with dbt's own graph.
/// All starts advance level by level together so each level is one batch of concurrent requests;
/// a visited set per start makes it cycle-safe and keeps the shortest depth for every node.
/// dbt children are looked up in the catalog by table so a model Secoda already knows is walked once,
/// under its catalog id, while one it has not seen yet still shows its dbt children and exposures.
/// </summary>
internal sealed class ImpactWalker(ICatalog catalog, DbtGraph graph, string? integrationId)
{
    /// <summary>
    /// For a failure that should keep what was found so far (the deadline, the request budget): the
    /// diagnostic to report it with; null for every other failure, which then propagates.
    /// </summary>
    public Func<Exception, Diagnostic?> Interruption { get; init; } = _ => null;

    private readonly Dictionary<TableName, string?> tableIds = [];

    // The reverse direction: a table the catalog names, as a dbt node, so its dbt-only children (exposures,
    // models Secoda has not seen yet) are walked too when the catalog reached it first.
    private readonly Dictionary<TableName, string> dbtByTable = graph.Nodes.Values
        .Where(n => n.Table is not null)
        .GroupBy(n => n.Table!)
        .ToDictionary(g => g.Key, g => g.OrderBy(n => n.UniqueId, StringComparer.Ordinal).First().UniqueId);

    public async Task<WalkResult> WalkAsync(IReadOnlyCollection<WalkStart> starts, int maxDepth, CancellationToken cancellationToken)
    {
        var visited = new Dictionary<string, Dictionary<string, WalkedNode>>(StringComparer.Ordinal);
        var edges = new Dictionary<string, HashSet<WalkEdge>>(StringComparer.Ordinal);
        var frontier = new List<(string Start, WalkedNode Node)>();
        foreach (var start in starts.DistinctBy(s => s.Key))
        {
            visited[start.Key] = new Dictionary<string, WalkedNode>(StringComparer.Ordinal);
            edges[start.Key] = [];
            frontier.Add((start.Key, new WalkedNode(start.Key, start.CatalogId, start.DbtId, 0, [])));
        }

        Diagnostic? interruption = null;
        ImmutableArray<string> unfinished = [];
        for (var depth = 0; depth < maxDepth && frontier.Count > 0; depth++)
        {
            Dictionary<string, List<(string? CatalogId, string? DbtId)>> neighbours;
            try
            {
                neighbours = await ExpandAsync(frontier.Select(f => f.Node), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Interruption(e) is { } stop)
            {
                interruption = stop;
                unfinished = [.. frontier.Select(f => f.Start).Distinct(StringComparer.Ordinal)];
                frontier = [];
                break;
            }

            var next = new List<(string Start, WalkedNode Node)>();
            foreach (var (start, node) in frontier)
            {
                foreach (var (catalogId, dbtId) in neighbours[node.Key])
                {
                    var key = catalogId ?? "dbt:" + dbtId;
                    var seen = visited[start];
                    edges[start].Add(new WalkEdge(node.Key, key));
                    if (key == start || seen.ContainsKey(key))
                    {
                        continue;
                    }

                    var reached = new WalkedNode(key, catalogId, dbtId, depth + 1, node.Via.Add(node.Key));
                    seen[key] = reached;
                    next.Add((start, reached));
                }
            }

            frontier = next;
        }

        var catalogIds = starts.Select(s => s.CatalogId)
            .Concat(visited.Values.SelectMany(v => v.Values).Select(n => n.CatalogId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        IReadOnlyDictionary<string, CatalogResource> resources = new Dictionary<string, CatalogResource>();
        try
        {
            resources = catalogIds.Length == 0 || interruption is not null
                ? resources
                : await catalog.GetResourcesAsync(catalogIds, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Interruption(e) is { } stop)
        {
            // Every node was reached; only titles and owners are missing, so every set is whole but unnamed.
            interruption = stop;
            unfinished = [.. visited.Keys];
        }

        return new WalkResult
        {
            Downstream = visited.ToImmutableDictionary(
                v => v.Key,
                v => v.Value.Values.OrderBy(n => n.Depth).ThenBy(n => n.Key, StringComparer.Ordinal).ToImmutableArray()),
            Resources = resources.ToImmutableDictionary(),
            NodesAtDepthLimit = frontier.Count,
            Interruption = interruption,
            Unfinished = unfinished,
            Edges = edges.ToImmutableDictionary(e => e.Key, e => e.Value.ToImmutableArray()),
        };
    }

    /// <summary>The children of every node in one level: one batch to the catalog, one batch of table lookups.</summary>
    private async Task<Dictionary<string, List<(string? CatalogId, string? DbtId)>>> ExpandAsync(
        IEnumerable<WalkedNode> level, CancellationToken cancellationToken)
    {
        var nodes = level.DistinctBy(n => n.Key).ToList();
        var catalogIds = nodes.Select(n => n.CatalogId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var downstreamTask = catalogIds.Length == 0
            ? Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>())
            : catalog.GetDownstreamAsync(catalogIds, cancellationToken);

        var dbtChildren = nodes.Where(n => n.DbtId is not null)
            .SelectMany(n => graph.ChildrenOf(n.DbtId!)).Distinct(StringComparer.Ordinal).ToArray();
        await ResolveTablesAsync(dbtChildren, cancellationToken).ConfigureAwait(false);
        var downstream = await downstreamTask.ConfigureAwait(false);

        var dbtOfCatalog = await DbtIdsOfAsync(downstream.Values.SelectMany(v => v), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, List<(string?, string?)>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var children = new List<(string? CatalogId, string? DbtId)>();
            if (node.CatalogId is not null && downstream.TryGetValue(node.CatalogId, out var ids))
            {
                children.AddRange(ids.Select(id => ((string?)id, dbtOfCatalog.GetValueOrDefault(id))));
            }

            if (node.DbtId is not null)
            {
                foreach (var child in graph.ChildrenOf(node.DbtId))
                {
                    var catalogId = CatalogIdOf(child);
                    // The same table reached through both lineages is one node; keep the dbt id so its dbt children are walked too.
                    children.RemoveAll(c => catalogId is not null && c.CatalogId == catalogId && c.DbtId is null);
                    children.Add((catalogId, child));
                }
            }

            result[node.Key] = children;
        }

        return result;
    }

    /// <summary>
    /// Which catalog ids are tables dbt knows. Only asked when there is a dbt graph; the details fetched here
    /// are the ones the report needs anyway, and the catalog fetches each once.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> DbtIdsOfAsync(IEnumerable<string> catalogIds, CancellationToken cancellationToken)
    {
        var ids = catalogIds.Distinct(StringComparer.Ordinal).ToArray();
        if (dbtByTable.Count == 0 || ids.Length == 0)
        {
            return new Dictionary<string, string>();
        }

        var resources = await catalog.GetResourcesAsync(ids, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, resource) in resources)
        {
            if (resource.AsTable is { } table && dbtByTable.TryGetValue(table, out var dbtId))
            {
                result[id] = dbtId;
            }
        }

        return result;
    }

    private async Task ResolveTablesAsync(IEnumerable<string> dbtIds, CancellationToken cancellationToken)
    {
        var missing = dbtIds.Select(id => graph.Nodes.GetValueOrDefault(id)?.Table)
            .OfType<TableName>().Where(t => !tableIds.ContainsKey(t)).Distinct().ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var found = await catalog.FindTablesAsync(missing, integrationId, cancellationToken).ConfigureAwait(false);
        foreach (var table in missing)
        {
            tableIds[table] = found.TryGetValue(table, out var resource) ? resource.Id : null;
        }
    }

    private string? CatalogIdOf(string dbtId) =>
        graph.Nodes.GetValueOrDefault(dbtId)?.Table is { } table ? tableIds.GetValueOrDefault(table) : null;
}
