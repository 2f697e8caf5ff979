using DataContracts.Catalog;
using DataContracts.Impact;
using DataContracts.Mapping;

namespace DataContracts.Tests.Impact;

/// <summary>The walk has no level barrier: a branch whose lineage is slow does not stop the others going deeper.</summary>
public class ImpactWalkerPipelineTests
{
    [Fact]
    public async Task ASlowBranchDoesNotHoldBackTheOthersAndDepthsStayTheShortest()
    {
        // a → slow → s2; b → x → y → z, and b → z2 → z (z is at depth 2 from b, not 3).
        var graph = new GraphCatalog().Add("a").Add("b").Add("slow").Add("s2").Add("x").Add("y").Add("z").Add("z2")
            .Edge("a", "slow").Edge("slow", "s2").Edge("b", "x").Edge("x", "y").Edge("y", "z").Edge("b", "z2").Edge("z2", "z");
        var catalog = new HeldCatalog(graph, hold: "slow", until: "z");

        var result = await new ImpactWalker(catalog, DbtGraph.Empty, null).WalkAsync([new WalkStart("a", null), new WalkStart("b", null)], 10, CancellationToken.None);

        // Under a level barrier z's lineage (depth 2) could only be asked for after slow's (depth 1) answered.
        Assert.True(catalog.ReleasedByProgress, "the walk waited for the slow branch before going deeper elsewhere");
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1, ["z2"] = 1, ["y"] = 2, ["z"] = 2 }, result.Downstream["b"].ToDictionary(n => n.Key, n => n.Depth));
        Assert.Equal(["b", "z2"], result.Downstream["b"].Single(n => n.Key == "z").Via);
        Assert.Equal(["slow", "s2"], result.Downstream["a"].Select(n => n.Key));
        Assert.Equal(graph.DownstreamRequests.Count, graph.DownstreamRequests.Distinct().Count());
    }

    /// <summary>Holds the lineage of one node until another node's lineage is asked for (or a long liveness guard passes).</summary>
    private sealed class HeldCatalog(GraphCatalog inner, string hold, string until) : ICatalog
    {
        private readonly TaskCompletionSource<bool> release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();

        public bool ReleasedByProgress { get; private set; }

        public string Source => inner.Source;

        public IReadOnlyList<DataContracts.Diagnostics.Diagnostic> Diagnostics => [];

        public int RequestCount => inner.RequestCount;

        public Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken) =>
            inner.FindTablesAsync(tables, integrationId, cancellationToken);

        public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            if (ids.Contains(until))
            {
                ReleasedByProgress = !release.Task.IsCompleted;
                release.TrySetResult(true);
            }

            if (ids.Contains(hold))
            {
                // Not a timing assertion: without progress elsewhere the walk would otherwise never finish.
                await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
                release.TrySetResult(false);
            }

            lock (gate)
            {
                return inner.GetDownstreamAsync(ids, cancellationToken).Result;
            }
        }

        public Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken) =>
            inner.GetColumnsAsync(tableIds, cancellationToken);

        public Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                return inner.GetResourcesAsync(ids, cancellationToken);
            }
        }
    }
}
