using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Fakes;
using DataContracts.Hosting;
using DataContracts.Reports;
using DataContracts.Secoda;
using DataContracts.Tests.Catalog;

namespace DataContracts.Tests.Resilience;

/// <summary>
/// A real workspace on disk for end-to-end runs against the fake Secoda: a contract file with two plain-SQL
/// models (orders, order_items) whose tables exist in <see cref="SecodaTestGraph"/>, both changed.
/// </summary>
internal sealed class ResilienceWorkspace : IDisposable
{
    public const string ChangedFiles = "warehouse/orders.sql\nwarehouse/order_items.sql\n";

    private readonly TempFolder _folder = new();

    public ResilienceWorkspace(string onCatalogError = "fail")
    {
        _folder.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              integration_id: {SecodaTestGraph.Warehouse}
            sql:
              paths: ["warehouse/**/*.sql"]
              dialect: snowflake
            policy:
              on_impact: fail
              on_catalog_error: {onCatalogError}
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
              - name: items
                models: ["warehouse/order_items.sql"]
            """);
        _folder.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        _folder.Write("warehouse/order_items.sql", "create or replace view analytics.marts.order_items as select id from analytics.marts.orders;\n");
    }

    public string Root => _folder.Path;

    public string Combine(string relative) => _folder.Combine(relative);

    public static DictionaryEnvironment Environment(FakeSecodaServer server, string? token = null, params (string Name, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["SECODA_API_TOKEN"] = token ?? server.Token,
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
            // Short retry delays keep the fault matrix fast; the policy (what is retried) is the shipped one.
            ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
            ["DATACONTRACTS_RETRY_MAX_MS"] = "50",
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }

        return new DictionaryEnvironment(values);
    }

    public CheckRequest Request(FakeSecodaServer server, TimeSpan? timeout = null, string? token = null, params (string Name, string Value)[] extra) => new()
    {
        WorkingDirectory = Root,
        ChangedFilesText = ChangedFiles,
        Environment = Environment(server, token, extra),
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
        Today = new DateOnly(2026, 1, 15),
        CatalogConnector = SecodaConnector.Network,
    };

    /// <summary>
    /// A request on <paramref name="clock"/> with the shipped retry delays (no tuning variables): the test reads
    /// back the waits the client asked for instead of sleeping them.
    /// </summary>
    public CheckRequest Request(FakeSecodaServer server, TimeProvider clock) => Request(server) with
    {
        Environment = new DictionaryEnvironment(new Dictionary<string, string?>
        {
            ["SECODA_API_TOKEN"] = server.Token,
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
        }),
        Time = clock,
    };

    /// <summary>The JSON report without the run's statistics (request count, elapsed time), which faults change by design.</summary>
    public static string Comparable(CheckResult result)
    {
        var json = JsonNode.Parse(JsonReport.Render(result))!.AsObject();
        json.Remove("stats");
        return json.ToJsonString();
    }

    public void Dispose() => _folder.Dispose();
}
