using DataContracts.Application;
using DataContracts.Fakes;
using DataContracts.Hosting;
using DataContracts.Secoda;

namespace DataContracts.Tests.Support;

/// <summary>
/// The smallest live workspace: one plain-SQL model, `analytics.marts.orders`, under contract, checked against the
/// fake Secoda over loopback through the real client. Tests add the catalog side they are about.
/// </summary>
internal static class SqlOrdersWorkspace
{
    public static CheckRequest Request(TempFolder folder, FakeSecodaServer secoda)
    {
        folder.Write("datacontracts.yml", """
            version: 1
            sql:
              paths: ["warehouse/*.sql"]
              dialect: snowflake
              default_database: analytics
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
            """);
        folder.Write("warehouse/orders.sql", "create or replace table marts.orders as select 1 as id;\n");
        return new CheckRequest
        {
            WorkingDirectory = folder.Path,
            ChangedFilesText = "warehouse/orders.sql\n",
            Environment = new DictionaryEnvironment(new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() }),
            CatalogConnector = SecodaConnector.Network,
        };
    }
}
