using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using DataContracts.Catalog;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

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
/// Walks downstream over the catalog's one-hop lineage merged with dbt's own graph. Fetching and numbering are
/// separate: every node is fetched as soon as some path shows it within max_depth, without waiting for a level
/// to finish (ImpactWalker.Expansion.cs), and the result is then numbered breadth-first per start from those
/// answers, so depths are the shortest and the paths the same as a level-by-level walk would give.
/// dbt children are looked up in the catalog by table so a model Secoda already knows is walked once,
/// under its catalog id, while one it has not seen yet still shows its dbt children and exposures.
/// </summary>
internal sealed partial class ImpactWalker(ICatalog catalog, DbtGraph graph, string? integrationId)
{
    /// <summary>
    /// For a failure that should keep what was found so far (the deadline, the request budget): the
    /// diagnostic to report it with; null for every other failure, which then propagates.
    /// </summary>
    public Func<Exception, Diagnostic?> Interruption { get; init; } = _ => null;

    public async Task<WalkResult> WalkAsync(IReadOnlyCollection<WalkStart> starts, int maxDepth, CancellationToken cancellationToken)
    {
        var distinctStarts = starts.DistinctBy(s => s.Key).ToList();
        var fetched = await FetchReachableAsync([.. distinctStarts.Select(s => new NodeRef(s.CatalogId, s.DbtId))], maxDepth, cancellationToken).ConfigureAwait(false);
        Diagnostic? interruption = null;
        if (fetched.Failure is { } failure)
        {
            interruption = Interruption(failure);
            if (interruption is null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }

        var visited = new Dictionary<string, Dictionary<string, WalkedNode>>(StringComparer.Ordinal);
        var edges = new Dictionary<string, HashSet<WalkEdge>>(StringComparer.Ordinal);
        var frontier = new List<(string Start, WalkedNode Node)>();
        foreach (var start in distinctStarts)
        {
            visited[start.Key] = new Dictionary<string, WalkedNode>(StringComparer.Ordinal);
            edges[start.Key] = [];
            frontier.Add((start.Key, new WalkedNode(start.Key, start.CatalogId, start.DbtId, 0, [])));
        }

        var unfinished = new HashSet<string>(StringComparer.Ordinal);
        for (var depth = 0; depth < maxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<(string Start, WalkedNode Node)>();
            foreach (var (start, node) in frontier)
            {
                if (!fetched.Children.TryGetValue(new NodeRef(node.CatalogId, node.DbtId), out var children))
                {
                    // Only after an interruption: this start's walk ends at this level, so no depth past it is guessed.
                    unfinished.Add(start);
                    continue;
                }

                var seen = visited[start];
                foreach (var child in children)
                {
                    var key = child.Key;
                    edges[start].Add(new WalkEdge(node.Key, key));
                    if (key == start || seen.ContainsKey(key))
                    {
                        continue;
                    }

                    var reached = new WalkedNode(key, child.CatalogId, child.DbtId, depth + 1, node.Via.Add(node.Key));
                    seen[key] = reached;
                    next.Add((start, reached));
                }
            }

            frontier = unfinished.Count == 0 ? next : [.. next.Where(n => !unfinished.Contains(n.Start))];
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
            unfinished.UnionWith(visited.Keys);
        }

        return new WalkResult
        {
            Downstream = visited.ToImmutableDictionary(
                v => v.Key,
                v => v.Value.Values.OrderBy(n => n.Depth).ThenBy(n => n.Key, StringComparer.Ordinal).ToImmutableArray()),
            Resources = resources.ToImmutableDictionary(),
            NodesAtDepthLimit = interruption is null ? frontier.Count : 0,
            Interruption = interruption,
            Unfinished = [.. distinctStarts.Select(s => s.Key).Where(unfinished.Contains)],
            Edges = edges.ToImmutableDictionary(e => e.Key, e => e.Value.ToImmutableArray()),
        };
    }
}
