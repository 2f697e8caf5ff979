using DataContracts.Fakes;
using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

/// <summary>
/// A small workspace with the shapes that break naive walks: a diamond (orders → items, kpis → revenue), a cycle
/// (revenue → orders), an upstream source, a same-named table in another integration, and a column titled like a table.
/// </summary>
internal static class SecodaTestGraph
{
    public const string Warehouse = "0b0d4419-841f-4413-8510-ee068487adec";
    public const string OtherWarehouse = "5c1f0e7a-2d31-4a44-9a9c-7f5b3b1e0d11";

    public const string Raw = "11111111-0000-4000-8000-000000000001";
    public const string Orders = "907104ca-4609-4240-8e50-883c2773bec7";
    public const string Items = "42241243-4e27-4def-984a-31af25e4dbee";
    public const string Kpis = "d935a76c-2125-4c30-9389-ef42fa7e23bb";
    public const string Revenue = "b500ef23-c9b4-4259-a87d-d77b8b588f06";
    public const string DevOrders = "7879886b-9e0e-4d02-8b37-c7d3c496a587";
    public const string OrdersColumn = "33733f42-8ff7-460b-9e20-50a2133d3bb0";

    public static readonly FakeResource[] Resources =
    [
        new(Raw, "ORDERS") { Database = "RAW", Schema = "SHOP", IntegrationId = Warehouse },
        new(Orders, "ORDERS") { Database = "ANALYTICS", Schema = "MARTS", IntegrationId = Warehouse, Url = "https://app.example/orders", Owners = ["u-2", "u-1"] },
        new(Items, "ORDER_ITEMS") { Database = "ANALYTICS", Schema = "MARTS", IntegrationId = Warehouse, NativeType = "view" },
        new(Kpis, "Finance KPIs") { EntityType = "dashboard", NativeType = "workbook", IntegrationId = "tableau-1" },
        new(Revenue, "Revenue") { EntityType = "chart", NativeType = "sheet", IntegrationId = "tableau-1" },
        new(DevOrders, "ORDERS") { Database = "ANALYTICS", Schema = "MARTS", IntegrationId = OtherWarehouse },
        new(OrdersColumn, "ORDERS") { EntityType = "column", NativeType = "VARCHAR", Database = "ANALYTICS", Schema = "MARTS", IntegrationId = Warehouse, ParentId = Orders },
    ];

    public static readonly (string From, string To)[] Edges =
    [
        (Raw, Orders), (Orders, Items), (Orders, Kpis), (Items, Revenue), (Kpis, Revenue), (Revenue, Orders),
    ];

    public static async Task<FakeSecodaServer> StartAsync(string token = "fake-secoda-token")
    {
        var server = await FakeSecodaServer.StartAsync(token, cancellationToken: TestContext.Current.CancellationToken);
        Seed(server);
        return server;
    }

    public static void Seed(FakeSecodaServer server)
    {
        foreach (var r in Resources)
        {
            server.AddResource(r);
        }

        foreach (var (from, to) in Edges)
        {
            server.AddEdge(from, to);
        }
    }

    /// <summary>Options tuned for tests: fast retries, the fake's token.</summary>
    public static SecodaOptions Options(FakeSecodaServer server) => new()
    {
        BaseUrl = server.ApiUrl.AbsoluteUri,
        Token = server.Token,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        PerRequestTimeout = TimeSpan.FromSeconds(10),
    };
}
