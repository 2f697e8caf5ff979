using DataContracts.Secoda;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Mapping;

using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Catalog;

public class SecodaCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LowerCaseDbtNamesResolveToUpperCaseSnowflakeTables()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        var found = await catalog.FindTablesAsync(
            [TableName.Parse("analytics.marts.orders"), TableName.Parse("marts.order_items"), TableName.Parse("raw.shop.orders"), TableName.Parse("analytics.marts.missing")],
            Warehouse,
            Ct);

        Assert.Equal(Orders, found[TableName.Parse("ANALYTICS.MARTS.ORDERS")].Id);
        Assert.Equal(Items, found[TableName.Parse("MARTS.ORDER_ITEMS")].Id);
        Assert.Equal(Raw, found[TableName.Parse("RAW.SHOP.ORDERS")].Id);
        Assert.False(found.ContainsKey(TableName.Parse("analytics.marts.missing")));
        var orders = found[TableName.Parse("analytics.marts.orders")];
        Assert.Equal(("ANALYTICS", "MARTS", "table", "https://app.example/orders"), (orders.Database, orders.Schema, orders.EntityType, orders.Url));
        Assert.Equal(["u-2", "u-1"], orders.Owners);

        // The server's exact filter is case-sensitive, so the client had to ask for the upper-case title.
        Assert.Contains(server.Requests, r => r.Route == "/resource/catalog/" && r.QueryValue("filter")!.Contains("\"ORDERS\"", StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {server.Token}", r.Authorization));
        Assert.All(server.Requests, r => Assert.StartsWith("/api/v1/", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATitleInAnotherCasingIsFoundAndTheExactCasingIsPreferred()
    {
        await using var server = await StartAsync();
        server.AddResource(new FakeResource("t-customers-title", "Customers") { Database = "shop", Schema = "prod", IntegrationId = Warehouse });
        server.AddResource(new FakeResource("t-daily", "customers_daily") { Database = "shop", Schema = "prod", IntegrationId = Warehouse });
        server.AddResource(new FakeResource("t-orders-title", "Order_Items") { Database = "shop", Schema = "prod", IntegrationId = Warehouse });
        server.AddResource(new FakeResource("t-orders-exact", "order_items") { Database = "shop", Schema = "prod", IntegrationId = Warehouse });
        using var catalog = new SecodaCatalog(Options(server));

        var found = await catalog.FindTablesAsync([TableName.Parse("shop.prod.customers"), TableName.Parse("shop.prod.order_items")], Warehouse, Ct);

        // Neither as written, UPPER nor lower finds `Customers`; the contains query does, and not customers_daily.
        Assert.Equal("t-customers-title", found[TableName.Parse("shop.prod.customers")].Id);
        Assert.Contains(server.Requests, r => r.Route == "/resource/catalog/" && r.QueryValue("filter")!.Contains("\"contains\"", StringComparison.Ordinal));
        Assert.Equal("t-orders-exact", found[TableName.Parse("shop.prod.order_items")].Id);
        Assert.DoesNotContain(catalog.Diagnostics, d => d.Code == "DC6013");
    }

    [Fact]
    public async Task IntegrationIdSelectsTheTableOfThatWarehouse()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        var dev = await catalog.FindTablesAsync([TableName.Parse("analytics.marts.orders")], OtherWarehouse, Ct);
        var prod = await catalog.FindTablesAsync([TableName.Parse("analytics.marts.orders")], Warehouse, Ct);

        Assert.Equal(DevOrders, Assert.Single(dev).Value.Id);
        Assert.Equal(Orders, Assert.Single(prod).Value.Id);
    }

    [Fact]
    public async Task AmbiguousNameIsReportedAndResolvedDeterministically()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        var found = await catalog.FindTablesAsync([TableName.Parse("orders")], null, Ct);

        // Three tables are titled ORDERS (the column is not a table); ANALYTICS sorts before RAW, then by id.
        Assert.Equal(DevOrders, found[TableName.Parse("orders")].Id);
        var warning = Assert.Single(catalog.Diagnostics, d => d.Code == "DC6013");
        Assert.Contains("3 Secoda tables", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LineageFieldStyle.FromEntity)]
    [InlineData(LineageFieldStyle.FromEntityId)]
    [InlineData(LineageFieldStyle.Nested)]
    public async Task DownstreamIsOneHopExactOnADiamondWithACycle(LineageFieldStyle style)
    {
        await using var server = await StartAsync();
        server.LineageFields = style;
        using var catalog = new SecodaCatalog(Options(server));

        var downstream = await catalog.GetDownstreamAsync([Orders, Items, Kpis, Revenue, Raw, "unknown-id"], Ct);

        Assert.Equal([Items, Kpis], downstream[Orders]); // ordinal order, so live and offline agree
        Assert.Equal([Revenue], downstream[Items]);
        Assert.Equal([Revenue], downstream[Kpis]);
        Assert.Equal([Orders], downstream[Revenue]);
        Assert.Equal([Orders], downstream[Raw]);
        Assert.Empty(downstream["unknown-id"]);
    }

    [Fact]
    public async Task OneRowPerEdgeWorkspacesAndUnmarkedRowsAreReadByTheDocumentedRules()
    {
        await using var server = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        // Only the UPSTREAM mirror row of a→b is stored; c→d has no direction at all; e→a is an UPSTREAM row
        // from a's side: e is a's parent, so e's child is a and a's children do not include e.
        server.AddLineageRow("b", "a", "UPSTREAM");
        server.AddLineageRow("c", "d", null);
        server.AddLineageRow("a", "e", "UPSTREAM");
        using var catalog = new SecodaCatalog(Options(server));

        var downstream = await catalog.GetDownstreamAsync(["a", "c", "d", "e"], Ct);

        Assert.Equal(["b"], downstream["a"]);
        Assert.Equal(["d"], downstream["c"]);
        Assert.Empty(downstream["d"]);
        Assert.Equal(["a"], downstream["e"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PaginationFollowsNextLinksAcrossMoreThanFiftyRows(bool nextAtTopLevel)
    {
        await using var server = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        server.NextAtTopLevel = nextAtTopLevel;
        server.AddResource(new FakeResource("hub", "HUB") { Database = "DB", Schema = "S" });
        var children = Enumerable.Range(0, 130).Select(i => $"child-{i:D3}").ToList();
        foreach (var child in children)
        {
            server.AddResource(new FakeResource(child, child.ToUpperInvariant()) { EntityType = "dashboard" });
            server.AddEdge("hub", child);
        }

        using var catalog = new SecodaCatalog(Options(server) with { IdBatchSize = 130 });

        var downstream = await catalog.GetDownstreamAsync(["hub"], Ct);
        var details = await catalog.GetResourcesAsync(children, Ct);

        Assert.Equal(children, downstream["hub"]);
        Assert.Equal(130, details.Count);
        Assert.Equal("CHILD-129", details["child-129"].Title);
        Assert.Contains(server.Requests, r => r.Route == "/lineage/manual/" && r.QueryValue("page") == "3");
        Assert.Contains(server.Requests, r => r.Route == "/resource/catalog/" && r.QueryValue("page") == "3");
        Assert.Equal(server.Requests.Count, catalog.RequestCount);
    }

    [Fact]
    public async Task EachLineageNodeAndResourceIsRequestedAtMostOnce()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));
        string[] all = [Orders, Items, Kpis, Revenue, Raw];

        // Concurrent and repeated calls share in-flight and finished requests.
        await Task.WhenAll(
            catalog.GetDownstreamAsync(all, Ct),
            catalog.GetDownstreamAsync([Orders, Revenue], Ct),
            catalog.GetResourcesAsync(all, Ct),
            catalog.GetResourcesAsync([Kpis, Items], Ct));
        await catalog.GetDownstreamAsync(all, Ct);
        var details = await catalog.GetResourcesAsync(all, Ct);

        Assert.Equal(5, details.Count);
        foreach (var id in all)
        {
            // Alone or inside a batched __in list, each id is asked for once per direction.
            Assert.Equal(1, server.CountRequests("/lineage/manual/", r => Names(r, "from_entity", id)));
            Assert.Equal(1, server.CountRequests("/lineage/manual/", r => Names(r, "to_entity", id)));
            Assert.Equal(1, server.CountRequests("/resource/catalog/", r => r.QueryValue("filter")!.Contains(id, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task TablesFoundByLookupAreNotFetchedAgain()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        await catalog.FindTablesAsync([TableName.Parse("analytics.marts.orders")], Warehouse, Ct);
        var before = server.Requests.Count;
        var details = await catalog.GetResourcesAsync([Orders], Ct);

        Assert.Equal("ORDERS", details[Orders].Title);
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task RejectedCatalogFilterFallsBackToTheTablesEndpoint()
    {
        await using var server = await StartAsync();
        server.OnRequest = r => r.Route == "/resource/catalog/" ? new FakeResponse(400, """{"detail":"Unsupported filter."}""") : null;
        using var catalog = new SecodaCatalog(Options(server));

        var found = await catalog.FindTablesAsync([TableName.Parse("analytics.marts.orders"), TableName.Parse("analytics.marts.order_items")], Warehouse, Ct);

        Assert.Equal(Orders, found[TableName.Parse("analytics.marts.orders")].Id);
        Assert.Equal(Items, found[TableName.Parse("analytics.marts.order_items")].Id);
        Assert.Contains(server.Requests, r => r.Route == "/table/tables/" && r.QueryValue("title") == "ORDERS" && r.QueryValue("integration_id") == Warehouse);
        Assert.Single(catalog.Diagnostics, d => d.Code == "DC6012");
    }

    [Fact]
    public async Task RejectedIdInFilterFallsBackToOneExactFilterPerId()
    {
        await using var server = await StartAsync();
        server.OnRequest = r => r.QueryValue("filter") is { } f && f.Contains("\"in\"", StringComparison.Ordinal)
            ? new FakeResponse(400, """{"detail":"in is not supported on id"}""")
            : null;
        using var catalog = new SecodaCatalog(Options(server));

        var details = await catalog.GetResourcesAsync([Kpis, Revenue, "no-such-id"], Ct);

        Assert.Equal(["Finance KPIs", "Revenue"], details.Values.Select(d => d.Title).Order());
        Assert.Equal(3, server.CountRequests("/resource/catalog/", r => r.QueryValue("filter")!.Contains("\"exact\"", StringComparison.Ordinal)));
        Assert.Single(catalog.Diagnostics, d => d.Code == "DC6012");
    }

    [Fact]
    public async Task ConcurrencyFillsTheBoundAndNeverExceedsIt()
    {
        const int Cap = 3;
        const int Expected = 24;
        await using var server = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        var gate = new ConcurrencyGate(Cap, Expected);
        server.Hold = gate.HoldAsync;
        using var catalog = new SecodaCatalog(Options(server) with { MaxConcurrency = Cap, LineageBatchSize = 1 });

        await catalog.GetDownstreamAsync([.. Enumerable.Range(0, 12).Select(i => $"n{i}")], Ct);

        Assert.Equal(Expected, server.Requests.Count);
        Assert.Equal(Cap, gate.Peak);
        Assert.Equal(0, gate.Stalls);
    }

    private static bool Names(FakeRequest request, string field, string id) =>
        request.QueryValue(field) == id
        || (request.QueryValue(field + "__in")?.Split(',').Contains(id, StringComparer.Ordinal) ?? false);
}
