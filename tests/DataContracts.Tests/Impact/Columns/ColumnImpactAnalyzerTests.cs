using DataContracts.Impact.Columns;

namespace DataContracts.Tests.Impact.Columns;

public class ColumnImpactAnalyzerTests
{
    [Fact]
    public void OnlyTheConsumersOfTheDroppedColumnBreakAndSiblingsThatReadOtherColumnsAreSpared()
    {
        // orders.status is dropped. order_status reads it and feeds a chart through its own status column;
        // order_amounts reads only id and amount and feeds a dashboard (table-level only); archive has no column lineage.
        var graph = new ColumnGraph("orders")
            .Tables("orders", "order_status", "status_chart")
            .Tables("orders", "order_amounts", "revenue_dashboard")
            .Tables("orders", "archive")
            .Column("orders.status", "order_status.status")
            .Column("orders.id", "order_status.order_id")
            .Column("order_status.status", "status_chart")
            .Column("orders.id", "order_amounts.order_id")
            .Column("orders.amount", "order_amounts.amount");

        var impact = graph.Analyze("status");

        Assert.True(impact.Breaks["order_status"]);
        Assert.True(impact.Breaks["status_chart"]);
        Assert.False(impact.Breaks["order_amounts"]);
        Assert.False(impact.Breaks["revenue_dashboard"]);
        Assert.Null(impact.Breaks["archive"]);
        Assert.Equal(2, impact.Spared);
        Assert.Equal(["order_status", "status_chart"], impact.Readers["status"]);
        Assert.Null(impact.Unknown);
        Assert.Empty(impact.OutsideWalk);
    }

    [Fact]
    public void ColumnNamesMatchCaseInsensitively()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a").Tables("orders", "b")
            .Column("orders.STATUS", "a.status").Column("orders.AMOUNT", "b.amount");

        var impact = graph.Analyze("status");

        Assert.True(impact.Breaks["a"]);
        Assert.False(impact.Breaks["b"]);
        Assert.Equal(["a"], impact.Readers["status"]);
    }

    [Fact]
    public void ADiamondIsSparedOnlyWhenBothArmsAre()
    {
        // orders → a → d and orders → b → d; a and b read only amount.
        var spared = new ColumnGraph("orders").Tables("orders", "a", "d").Tables("orders", "b", "d")
            .SourceColumn("status").Column("orders.amount", "a.amount").Column("orders.amount", "b.amount");
        var one = new ColumnGraph("orders").Tables("orders", "a", "d").Tables("orders", "b", "d")
            .Column("orders.amount", "a.amount").Column("orders.status", "b.status");
        var through = new ColumnGraph("orders").Tables("orders", "a", "d").Tables("orders", "b", "d")
            .Column("orders.amount", "a.amount").Column("orders.status", "b.status").Column("b.status", "d.status");

        var sparedBreaks = spared.Analyze("status").Breaks;
        Assert.NotEmpty(sparedBreaks);
        Assert.All(sparedBreaks.Values, b => Assert.False(b));

        // Through b, d has a table-level path with no column lineage at its last hop: unknown, counted.
        var mixed = one.Analyze("status");
        Assert.False(mixed.Breaks["a"]);
        Assert.True(mixed.Breaks["b"]);
        Assert.Null(mixed.Breaks["d"]);

        // When the broken column's lineage goes on into d, d breaks.
        Assert.True(through.Analyze("status").Breaks["d"]);
    }

    [Fact]
    public void APathThatBypassesTheSparedConsumerCounts()
    {
        // e is below the spared a, but orders also feeds e directly with no column lineage.
        var graph = new ColumnGraph("orders").Tables("orders", "a", "e").Tables("orders", "e")
            .SourceColumn("status").Column("orders.amount", "a.amount");

        var impact = graph.Analyze("status");

        Assert.False(impact.Breaks["a"]);
        Assert.Null(impact.Breaks["e"]);
    }

    [Fact]
    public void AConsumerThatReadsABrokenAndAnIntactColumnBreaks()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a", "b")
            .Column("orders.amount", "a.amount").Column("orders.status", "a.state");

        var impact = graph.Analyze("status");

        Assert.True(impact.Breaks["a"]);
        Assert.Null(impact.Breaks["b"]);
    }

    [Fact]
    public void ChartsFedDirectlyByABrokenColumnBreakAndOnesTheWalkMissedAreListed()
    {
        // Secoda may link a BI chart to a column only (no table-level edge): the walk never saw "kpi_tile".
        var graph = new ColumnGraph("orders").Tables("orders", "status_chart").Tables("orders", "amount_chart")
            .Column("orders.status", "status_chart").Column("orders.status", "kpi_tile").Column("orders.amount", "amount_chart");

        var impact = graph.Analyze("status");

        Assert.True(impact.Breaks["status_chart"]);
        Assert.False(impact.Breaks["amount_chart"]);
        Assert.Equal(["kpi_tile"], impact.OutsideWalk);
        Assert.Equal(["orders"], impact.Outside.Single().Via);
        Assert.Equal(["kpi_tile", "status_chart"], impact.Readers["status"]);
    }

    [Fact]
    public void AConsumerOnlyColumnLineageReachesKeepsTheResourcesItsColumnPathPassedThrough()
    {
        // a is in the walk; "tile" hangs off a.status only (no table-level edge), two owners below the source.
        var graph = new ColumnGraph("orders").Tables("orders", "a")
            .Column("orders.status", "a.status").Column("a.status", "a.status_code").Column("a.status_code", "tile");

        var impact = graph.Analyze("status");

        var tile = Assert.Single(impact.Outside);
        Assert.Equal("tile", tile.Id);
        Assert.Equal(["orders", "a"], tile.Via);
        Assert.Equal("chart", tile.Resource?.EntityType);
        Assert.True(impact.Breaks["a"]);
    }

    [Fact]
    public void CyclesInTableAndColumnLineageEndAndKeepTheirAnswer()
    {
        // a and b feed each other at table and column level; only a reads orders, and only its amount.
        var spared = new ColumnGraph("orders").Tables("orders", "a", "b", "a").Tables("b", "orders")
            .SourceColumn("status").Column("orders.amount", "a.amount").Column("a.amount", "b.amount").Column("b.amount", "a.amount");
        var broken = new ColumnGraph("orders").Tables("orders", "a", "b", "a")
            .Column("orders.status", "a.status").Column("a.status", "b.status").Column("b.status", "a.status");

        var s = spared.Analyze("status");
        var b = broken.Analyze("status");

        Assert.False(s.Breaks["a"]);
        Assert.False(s.Breaks["b"]);
        Assert.True(b.Breaks["a"]);
        Assert.True(b.Breaks["b"]);
    }

    [Fact]
    public void ATableWithoutColumnLineageSparesNobody()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a", "b").SourceColumn("status").SourceColumn("amount");

        var impact = graph.Analyze("status");

        Assert.NotEmpty(impact.Breaks);
        Assert.All(impact.Breaks.Values, b => Assert.Null(b));
        Assert.Equal(0, impact.Spared);
        Assert.Empty(impact.Readers["status"]);
    }

    [Fact]
    public void ABrokenColumnTheCatalogDoesNotHaveSparesNobody()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a").Column("orders.amount", "a.amount");

        var impact = graph.Analyze("status");

        Assert.Null(impact.Breaks["a"]);
        Assert.Equal(["status"], impact.Unmatched);
        Assert.Contains("no column 'status'", impact.Unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void NoColumnsListedSparesNobody()
    {
        var impact = new ColumnGraph("orders").Tables("orders", "a").Analyze("status");

        Assert.Null(impact.Breaks["a"]);
        Assert.Equal("the catalog lists no columns for the table", impact.Unknown);
    }

    [Fact]
    public void AColumnThatCannotBeTiedToItsTableSparesNobody()
    {
        // The broken column reaches x.y, which the catalog could not describe: it may belong to a.
        var graph = new ColumnGraph("orders").Tables("orders", "a")
            .Column("orders.amount", "a.amount").Column("orders.status", "x.y").Undescribed("x.y");

        var impact = graph.Analyze("status");

        Assert.Null(impact.Breaks["a"]);
        Assert.Contains("could not be tied", impact.Unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void LineagePastTheDepthLimitSparesNobody()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a").Tables("orders", "b")
            .Column("orders.amount", "a.amount").Column("orders.status", "b.status").NotFollowed("b.status");

        var impact = graph.Analyze("status");

        Assert.True(impact.Breaks["b"]);
        Assert.Null(impact.Breaks["a"]);
        Assert.Contains("max_depth", impact.Unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void NodesOnlyDbtKnowsAreSparedBelowASparedConsumerAndUnknownStraightFromTheSource()
    {
        var graph = new ColumnGraph("orders").Tables("orders", "a", "dbt:model.x").Tables("orders", "dbt:model.y")
            .SourceColumn("status").Column("orders.amount", "a.amount");

        var impact = graph.Analyze("status");

        Assert.False(impact.Breaks["dbt:model.x"]);
        Assert.Null(impact.Breaks["dbt:model.y"]);
    }

    [Fact]
    public void NestedColumnsBelongToTheirTable()
    {
        // a.payload.status is a field of a.payload: its parent is a column, whose parent is the table.
        var graph = new ColumnGraph("orders").Tables("orders", "a").Tables("orders", "b")
            .Column("orders.amount", "b.amount").Column("orders.status", "payload.status");
        var input = graph.Input("status");
        var resources = input.Lineage.Resources
            .SetItem("payload", new DataContracts.Catalog.CatalogResource { Id = "payload", Title = "payload", EntityType = "column", ParentId = "a" })
            .SetItem("a", new DataContracts.Catalog.CatalogResource { Id = "a", Title = "a", EntityType = "table" });

        var impact = ColumnImpactAnalyzer.Analyze(input with { Lineage = input.Lineage with { Resources = resources } });

        Assert.True(impact.Breaks["a"]);
        Assert.False(impact.Breaks["b"]);
    }
}
