using System.Collections.Concurrent;
using System.Threading.Channels;
using DataContracts.Mapping;

namespace DataContracts.Impact;

/// <summary>
/// Fetching the children of every node the walk will number, at the catalog's pace rather than level by level:
/// when one batch of answers arrives, the nodes it shows within max_depth are asked for at once, so the
/// catalog's concurrency stays full while slower batches (a hub whose lineage spans many pages) are still out.
/// </summary>
internal sealed partial class ImpactWalker
{
    // A call per batch of at most BatchSize nodes (one __in lineage request each way at Secoda's default batch
    // size), with about Target calls out: two request chains each, enough to keep a cap of 16 busy.
    private const int BatchSize = 40;
    private const int Target = 8;

    private readonly ConcurrentDictionary<TableName, string?> tableIds = [];

    // The reverse direction: a table the catalog names, as a dbt node, so its dbt-only children (exposures,
    // models Secoda has not seen yet) are walked too when the catalog reached it first.
    private readonly Dictionary<TableName, string> dbtByTable = graph.Nodes.Values
        .Where(n => n.Table is not null)
        .GroupBy(n => n.Table!)
        .ToDictionary(g => g.Key, g => g.OrderBy(n => n.UniqueId, StringComparer.Ordinal).First().UniqueId);

    /// <summary>A node as the walk fetches it: the same key can carry a dbt id or not, which changes its children.</summary>
    private readonly record struct NodeRef(string? CatalogId, string? DbtId)
    {
        public string Key => CatalogId ?? "dbt:" + DbtId;
    }

    /// <summary>The children of every node fetched, and the first failure that stopped fetching (null when none).</summary>
    private sealed record Fetched(Dictionary<NodeRef, List<NodeRef>> Children, Exception? Failure);

    /// <summary>
    /// Fetches the children of every node some path reaches at a depth below <paramref name="maxDepth"/>, each
    /// once. Such a node is one a breadth-first walk from some start expands (its shortest depth is no larger),
    /// so nothing is fetched that the numbering does not use. Depths are relaxed as shorter paths turn up, so a
    /// node first seen too deep is still fetched once a shorter path brings it within the limit. After a failure
    /// nothing new is asked; what is out is awaited, so no request outlives the walk.
    /// </summary>
    private async Task<Fetched> FetchReachableAsync(IReadOnlyList<NodeRef> starts, int maxDepth, CancellationToken cancellationToken)
    {
        var children = new Dictionary<NodeRef, List<NodeRef>>();
        var depths = new Dictionary<NodeRef, int>();
        var requested = new HashSet<NodeRef>();
        var pending = new List<NodeRef>();
        var answers = Channel.CreateUnbounded<(List<NodeRef> Batch, Task<Dictionary<NodeRef, List<NodeRef>>> Answer)>(
            new UnboundedChannelOptions { SingleReader = true });
        var outstanding = 0;
        Exception? failure = null;

        foreach (var start in starts)
        {
            Reach(start, 0);
        }

        Dispatch();
        while (outstanding > 0)
        {
            var (batch, answer) = await answers.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            outstanding--;
            try
            {
                var found = await answer.ConfigureAwait(false);
                foreach (var node in batch)
                {
                    var kids = found[node];
                    children[node] = kids;
                    foreach (var kid in kids)
                    {
                        Reach(kid, depths[node] + 1);
                    }
                }
            }
            catch (Exception e)
            {
                failure ??= e;
            }

            if (failure is null)
            {
                Dispatch();
            }
        }

        return new Fetched(children, failure);

        void Reach(NodeRef node, int depth)
        {
            if (depths.TryGetValue(node, out var known) && known <= depth)
            {
                return;
            }

            depths[node] = depth;
            if (depth >= maxDepth)
            {
                return;
            }

            if (children.TryGetValue(node, out var kids))
            {
                foreach (var kid in kids)
                {
                    Reach(kid, depth + 1);
                }
            }
            else if (requested.Add(node))
            {
                pending.Add(node);
            }
        }

        void Dispatch()
        {
            // About Target calls out at once, so one slow batch (a hub whose lineage spans many pages) holds back
            // only its own nodes while the others keep the catalog busy. While that many are out, new nodes wait
            // until they fill a batch: fuller batches mean fewer, fuller pages.
            while (pending.Count > 0 && (outstanding < Target || pending.Count >= BatchSize))
            {
                var free = Math.Max(1, Target - outstanding);
                var size = Math.Clamp((pending.Count + free - 1) / free, 1, BatchSize);
                var batch = pending.GetRange(0, Math.Min(size, pending.Count));
                pending.RemoveRange(0, batch.Count);
                outstanding++;
                var answer = ExpandAsync(batch, cancellationToken);
                _ = answer.ContinueWith(
                    t => answers.Writer.TryWrite((batch, t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The children of a batch of nodes: one batch to the catalog, one batch of table lookups.</summary>
    private async Task<Dictionary<NodeRef, List<NodeRef>>> ExpandAsync(IReadOnlyList<NodeRef> nodes, CancellationToken cancellationToken)
    {
        var catalogIds = nodes.Select(n => n.CatalogId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var downstreamTask = catalogIds.Length == 0
            ? Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>())
            : catalog.GetDownstreamAsync(catalogIds, cancellationToken);

        var dbtChildren = nodes.Where(n => n.DbtId is not null)
            .SelectMany(n => graph.ChildrenOf(n.DbtId!)).Distinct(StringComparer.Ordinal).ToArray();
        await ResolveTablesAsync(dbtChildren, cancellationToken).ConfigureAwait(false);
        var downstream = await downstreamTask.ConfigureAwait(false);

        var dbtOfCatalog = await DbtIdsOfAsync(downstream.Values.SelectMany(v => v), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<NodeRef, List<NodeRef>>();
        foreach (var node in nodes)
        {
            var children = new List<NodeRef>();
            if (node.CatalogId is not null && downstream.TryGetValue(node.CatalogId, out var ids))
            {
                children.AddRange(ids.Select(id => new NodeRef(id, dbtOfCatalog.GetValueOrDefault(id))));
            }

            if (node.DbtId is not null)
            {
                foreach (var child in graph.ChildrenOf(node.DbtId))
                {
                    var catalogId = CatalogIdOf(child);
                    // The same table reached through both lineages is one node; keep the dbt id so its dbt children are walked too.
                    children.RemoveAll(c => catalogId is not null && c.CatalogId == catalogId && c.DbtId is null);
                    children.Add(new NodeRef(catalogId, child));
                }
            }

            result[node] = children;
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

        // Batches run concurrently and may ask for the same table; the catalog answers each name once.
        var found = await catalog.FindTablesAsync(missing, integrationId, cancellationToken).ConfigureAwait(false);
        foreach (var table in missing)
        {
            tableIds[table] = found.TryGetValue(table, out var resource) ? resource.Id : null;
        }
    }

    private string? CatalogIdOf(string dbtId) =>
        graph.Nodes.GetValueOrDefault(dbtId)?.Table is { } table ? tableIds.GetValueOrDefault(table) : null;
}
