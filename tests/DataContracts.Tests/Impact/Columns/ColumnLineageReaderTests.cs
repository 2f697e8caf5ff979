using DataContracts.Impact.Columns;
using DataContracts.Tests.Support;

namespace DataContracts.Tests.Impact.Columns;

public class ColumnLineageReaderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static GraphCatalog Catalog() => new GraphCatalog()
        .Add("orders").Add("a").Add("b").Add("c").Add("chart", "chart")
        .Column("orders", "orders.status", "status").Column("orders", "orders.amount", "amount")
        .Column("a", "a.status", "status").Column("b", "b.amount", "amount").Column("c", "c.status", "status")
        .Edge("orders.status", "a.status").Edge("orders.amount", "b.amount").Edge("a.status", "c.status").Edge("c.status", "chart")
        .Edge("b.amount", "b.total");

    [Fact]
    public async Task NothingIsAskedWhenNoChangeNamesABrokenColumn()
    {
        var catalog = Catalog();

        var lineage = await ColumnLineageReader.ReadAsync(catalog, [new BrokenColumns("orders", [])], 10, None);

        Assert.Same(ColumnLineage.Empty, lineage);
        Assert.Equal(0, catalog.RequestCount);
    }

    [Fact]
    public async Task ReadsOneHopFromEveryColumnAndFollowsOnlyBrokenOnesEachNodeOnce()
    {
        var catalog = Catalog();

        var lineage = await ColumnLineageReader.ReadAsync(catalog, [new BrokenColumns("orders", ["STATUS"])], 10, None);

        Assert.Equal(["orders"], catalog.ColumnRequests);
        Assert.Equal(["orders.amount", "orders.status"], lineage.Columns["orders"].Select(c => c.Id));
        // amount's one hop is read (b reads the table), but b.amount is not followed: only status's descendants are.
        Assert.Contains("orders.amount", lineage.Downstream.Keys);
        Assert.DoesNotContain("b.amount", lineage.Downstream.Keys);
        Assert.Equal(["orders.amount", "orders.status", "a.status", "c.status", "chart"], catalog.DownstreamRequests);
        Assert.Equal("c", lineage.Resources["c.status"].ParentId);
        Assert.Equal("chart", lineage.Resources["chart"].EntityType);
        Assert.Empty(lineage.NotFollowed);
    }

    [Fact]
    public async Task StopsAtMaxDepthAndSaysWhatWasNotFollowed()
    {
        var catalog = Catalog();

        var lineage = await ColumnLineageReader.ReadAsync(catalog, [new BrokenColumns("orders", ["status"])], 2, None);

        Assert.Equal(["c.status"], lineage.NotFollowed);
        Assert.DoesNotContain("c.status", catalog.DownstreamRequests);
    }

    [Fact]
    public async Task TheAnswerFeedsTheAnalysis()
    {
        var catalog = Catalog().Edge("orders", "a").Edge("orders", "b").Edge("a", "c").Edge("c", "chart");
        var walk = await new DataContracts.Impact.ImpactWalker(catalog, DataContracts.Mapping.DbtGraph.Empty, null)
            .WalkAsync([new DataContracts.Impact.WalkStart("orders", null)], 10, None);

        var lineage = await ColumnLineageReader.ReadAsync(catalog, [new BrokenColumns("orders", ["status"])], 10, None);
        var impact = ColumnImpactAnalyzer.Analyze(new ColumnImpactInput
        {
            Broken = new BrokenColumns("orders", ["status"]),
            Nodes = [.. walk.Downstream["orders"].Select(n => n.Key)],
            Edges = walk.Edges["orders"],
            Lineage = lineage,
        });

        Assert.Equal(
            new Dictionary<string, bool?> { ["a"] = true, ["b"] = false, ["c"] = true, ["chart"] = true },
            impact.Breaks.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
    }
}
