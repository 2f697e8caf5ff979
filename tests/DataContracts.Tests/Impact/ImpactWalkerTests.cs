using System.Collections.Immutable;
using DataContracts.Impact;
using DataContracts.Mapping;

namespace DataContracts.Tests.Impact;

public class ImpactWalkerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WalksCyclesAndDiamondsOnceWithTheShortestDepth()
    {
        // a → b → d, a → c → d (diamond), d → e → b (cycle back), e → f
        var catalog = new GraphCatalog().Add("a").Add("b").Add("c").Add("d").Add("e").Add("f", "dashboard")
            .Edge("a", "b").Edge("a", "c").Edge("b", "d").Edge("c", "d").Edge("d", "e").Edge("e", "b").Edge("e", "f");

        var result = await new ImpactWalker(catalog, DbtGraph.Empty, null).WalkAsync([new WalkStart("a", null)], 10, None);

        var nodes = result.Downstream["a"].ToDictionary(n => n.Key, n => n.Depth);
        Assert.Equal(new Dictionary<string, int> { ["b"] = 1, ["c"] = 1, ["d"] = 2, ["e"] = 3, ["f"] = 4 }, nodes);
        Assert.Equal(["a", "b", "d", "e"], result.Downstream["a"].Single(n => n.Key == "f").Via);
        Assert.Equal(catalog.DownstreamRequests.Count, catalog.DownstreamRequests.Distinct().Count());
        Assert.Equal(0, result.NodesAtDepthLimit);
    }

    [Fact]
    public async Task StopsAtMaxDepthAndSaysHowManyNodesWereNotFollowed()
    {
        var catalog = new GraphCatalog().Add("a").Add("b").Add("c").Add("d").Edge("a", "b").Edge("b", "c").Edge("c", "d");

        var result = await new ImpactWalker(catalog, DbtGraph.Empty, null).WalkAsync([new WalkStart("a", null)], 2, None);

        Assert.Equal(["b", "c"], result.Downstream["a"].Select(n => n.Key));
        Assert.Equal(1, result.NodesAtDepthLimit);
        Assert.DoesNotContain("c", catalog.DownstreamRequests);
    }

    [Fact]
    public async Task SeveralStartsShareOneRequestPerNode()
    {
        var catalog = new GraphCatalog().Add("a").Add("b").Add("shared").Add("leaf").Edge("a", "shared").Edge("b", "shared").Edge("shared", "leaf");

        var result = await new ImpactWalker(catalog, DbtGraph.Empty, null).WalkAsync([new WalkStart("a", null), new WalkStart("b", null)], 10, None);

        Assert.Equal(["shared", "leaf"], result.Downstream["a"].Select(n => n.Key));
        Assert.Equal(["shared", "leaf"], result.Downstream["b"].Select(n => n.Key));
        Assert.Equal(catalog.DownstreamRequests.Count, catalog.DownstreamRequests.Distinct().Count());
        Assert.Equal(catalog.ResourceRequests.Count, catalog.ResourceRequests.Distinct().Count());
    }

    [Fact]
    public async Task DbtChildrenTheCatalogHasNotSeenStillCountAndKnownOnesMergeWithTheCatalog()
    {
        // The catalog knows orders → dashboard. dbt knows orders → new_model (not in the catalog yet) → exposure,
        // and orders → customers (in the catalog as CUSTOMERS, upper case).
        var catalog = new GraphCatalog()
            .Add("t-orders", database: "DB", schema: "MARTS", title: "ORDERS")
            .Add("t-customers", database: "DB", schema: "MARTS", title: "CUSTOMERS")
            .Add("dash", "dashboard")
            .Edge("t-orders", "dash").Edge("t-orders", "t-customers");
        var graph = new DbtGraph
        {
            Nodes = ImmutableDictionary<string, DbtNode>.Empty
                .Add("model.p.orders", new DbtNode { UniqueId = "model.p.orders", Name = "orders", ResourceType = "model", Table = new TableName("db", "marts", "orders") })
                .Add("model.p.customers", new DbtNode { UniqueId = "model.p.customers", Name = "customers", ResourceType = "model", Table = new TableName("db", "marts", "customers") })
                .Add("model.p.new_model", new DbtNode { UniqueId = "model.p.new_model", Name = "new_model", ResourceType = "model", Table = new TableName("db", "marts", "new_model") })
                .Add("exposure.p.weekly", new DbtNode { UniqueId = "exposure.p.weekly", Name = "weekly", ResourceType = "exposure" }),
            Children = ImmutableDictionary<string, ImmutableArray<string>>.Empty
                .Add("model.p.orders", ["model.p.customers", "model.p.new_model"])
                .Add("model.p.new_model", ["exposure.p.weekly"]),
        };

        var result = await new ImpactWalker(catalog, graph, null).WalkAsync([new WalkStart("t-orders", "model.p.orders")], 10, None);

        var keys = result.Downstream["t-orders"].Select(n => n.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["dash", "dbt:exposure.p.weekly", "dbt:model.p.new_model", "t-customers"], keys);
        Assert.Equal("model.p.customers", result.Downstream["t-orders"].Single(n => n.Key == "t-customers").DbtId);
    }

    [Fact]
    public async Task ATableReachedThroughTheCatalogStillShowsItsDbtOnlyChildren()
    {
        // The change is found only in the catalog (no dbt id at the start). The catalog knows orders → customers;
        // dbt knows customers → exposure.weekly, which the catalog has never seen.
        var catalog = new GraphCatalog()
            .Add("t-orders", database: "DB", schema: "MARTS", title: "ORDERS")
            .Add("t-customers", database: "DB", schema: "MARTS", title: "CUSTOMERS")
            .Edge("t-orders", "t-customers");
        var graph = new DbtGraph
        {
            Nodes = ImmutableDictionary<string, DbtNode>.Empty
                .Add("model.p.customers", new DbtNode { UniqueId = "model.p.customers", Name = "customers", ResourceType = "model", Table = new TableName("db", "marts", "customers") })
                .Add("exposure.p.weekly", new DbtNode { UniqueId = "exposure.p.weekly", Name = "weekly", ResourceType = "exposure" }),
            Children = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("model.p.customers", ["exposure.p.weekly"]),
        };

        var result = await new ImpactWalker(catalog, graph, null).WalkAsync([new WalkStart("t-orders", null)], 10, None);

        Assert.Equal(["t-customers:1", "dbt:exposure.p.weekly:2"], result.Downstream["t-orders"].Select(n => $"{n.Key}:{n.Depth}"));
    }
}
