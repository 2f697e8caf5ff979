using DataContracts.Fakes;
using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

/// <summary>
/// The workspace, with columns and column lineage as Secoda stores them (columns are resources of type
/// <c>column</c> whose <c>parent</c> is the table; column lineage is lineage between column ids, both rows per
/// edge). ORDERS.STATUS is dropped: ORDER_STATUS reads it and feeds the Status chart through its own STATUS
/// column (both break); ORDER_AMOUNTS reads only ID and AMOUNT and feeds the Revenue dashboard (both spared);
/// ORDERS_ARCHIVE has columns but no column lineage (unknown, counted).
/// </summary>
internal static class ColumnTestGraph
{
    public const string Warehouse = SecodaTestGraph.Warehouse;

    public const string Orders = "c0000000-0000-4000-8000-000000000001";
    public const string OrderStatus = "c0000000-0000-4000-8000-000000000002";
    public const string StatusChart = "c0000000-0000-4000-8000-000000000003";
    public const string OrderAmounts = "c0000000-0000-4000-8000-000000000004";
    public const string RevenueDashboard = "c0000000-0000-4000-8000-000000000005";
    public const string Archive = "c0000000-0000-4000-8000-000000000006";

    public const string OrdersId = "c1000000-0000-4000-8000-000000000001";
    public const string OrdersStatus = "c1000000-0000-4000-8000-000000000002";
    public const string OrdersAmount = "c1000000-0000-4000-8000-000000000003";
    public const string OrderStatusOrderId = "c1000000-0000-4000-8000-000000000004";
    public const string OrderStatusStatus = "c1000000-0000-4000-8000-000000000005";
    public const string OrderAmountsOrderId = "c1000000-0000-4000-8000-000000000006";
    public const string OrderAmountsAmount = "c1000000-0000-4000-8000-000000000007";
    public const string ArchiveStatus = "c1000000-0000-4000-8000-000000000008";

    public static readonly FakeResource[] Resources =
    [
        Table(Orders, "ORDERS"),
        Table(OrderStatus, "ORDER_STATUS"),
        new(StatusChart, "Status chart") { EntityType = "chart", NativeType = "sheet", IntegrationId = "tableau-1" },
        Table(OrderAmounts, "ORDER_AMOUNTS"),
        new(RevenueDashboard, "Revenue dashboard") { EntityType = "dashboard", NativeType = "workbook", IntegrationId = "tableau-1" },
        Table(Archive, "ORDERS_ARCHIVE"),
        Column(OrdersId, "ID", Orders),
        Column(OrdersStatus, "STATUS", Orders),
        Column(OrdersAmount, "AMOUNT", Orders),
        Column(OrderStatusOrderId, "ORDER_ID", OrderStatus),
        Column(OrderStatusStatus, "STATUS", OrderStatus),
        Column(OrderAmountsOrderId, "ORDER_ID", OrderAmounts),
        Column(OrderAmountsAmount, "AMOUNT", OrderAmounts),
        Column(ArchiveStatus, "STATUS", Archive),
    ];

    /// <summary>Table-level lineage: what the walk follows.</summary>
    public static readonly (string From, string To)[] TableEdges =
    [
        (Orders, OrderStatus), (OrderStatus, StatusChart), (Orders, OrderAmounts), (OrderAmounts, RevenueDashboard), (Orders, Archive),
    ];

    /// <summary>Column-level lineage, including a chart fed directly by a column.</summary>
    public static readonly (string From, string To)[] ColumnEdges =
    [
        (OrdersStatus, OrderStatusStatus), (OrdersId, OrderStatusOrderId), (OrderStatusStatus, StatusChart),
        (OrdersId, OrderAmountsOrderId), (OrdersAmount, OrderAmountsAmount),
    ];

    public static async Task<FakeSecodaServer> StartAsync()
    {
        var server = await FakeSecodaServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        foreach (var r in Resources)
        {
            server.AddResource(r);
        }

        foreach (var (from, to) in TableEdges.Concat(ColumnEdges))
        {
            server.AddEdge(from, to);
        }

        return server;
    }

    public static SecodaOptions Options(FakeSecodaServer server) => SecodaTestGraph.Options(server);

    private static FakeResource Table(string id, string title) =>
        new(id, title) { Database = "ANALYTICS", Schema = "MARTS", IntegrationId = Warehouse };

    private static FakeResource Column(string id, string title, string table) =>
        new(id, title) { EntityType = "column", NativeType = "VARCHAR", IntegrationId = Warehouse, ParentId = table };
}
