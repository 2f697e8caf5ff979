using DataContracts.Fakes;
using DataContracts.Tests.Catalog;
using DataContracts.Tests.MSBuild;

namespace DataContracts.Tests.Security;

/// <summary>
/// What an attacker controls in a pull request and a catalog, on disk and on loopback: catalog titles and owners
/// that carry workflow commands and terminal escapes, and a changed SQL model whose file name is a workflow command.
/// </summary>
internal static class HostileWorkspace
{
    public const string Secret = "sk-live-3b9d0c7e1a2f4855";

    /// <summary>A dashboard downstream of orders whose title tries to start its own annotation and mask a value.</summary>
    public const string HostileTitle = "Revenue\n::error file=.github/workflows/ci.yml,line=1::pwned\r\n::add-mask::hidden\n##[set-output name=result;]pass\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u001b[31m";

    public const string HostileFile = "::stop-commands::endtoken.sql";

    public const string Hostile = "c0ffee00-0000-4000-8000-00000000beef";

    public static void Seed(FakeSecodaServer server)
    {
        SecodaTestGraph.Seed(server);
        server.AddResource(new FakeResource(Hostile, HostileTitle)
        {
            EntityType = "dashboard",
            NativeType = "workbook",
            IntegrationId = "tableau-1",
            Owners = ["::add-mask::owner\nwith a line", "\u001b[2Jcleared"],
        });
        server.AddEdge(SecodaTestGraph.Orders, Hostile);
    }

    /// <summary>A contract over every SQL file, the orders model, and a model named like a workflow command that maps to nothing.</summary>
    public static TempFolder Create()
    {
        var folder = new TempFolder();
        folder.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              integration_id: {SecodaTestGraph.Warehouse}
            sql:
              paths: ["**/*.sql"]
              dialect: snowflake
            policy:
              on_impact: fail
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
            """);
        folder.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        folder.Write(HostileFile, "select 1;\n");
        folder.Write("changed.txt", $"warehouse/orders.sql\n{HostileFile}\n");
        return folder;
    }

    /// <summary>Runs the built tool in its own process, as CI does, and returns everything it printed.</summary>
    public static Task<ChildProcess.Result> RunToolAsync(string workingDirectory, FakeSecodaServer server, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["SECODA_API_TOKEN"] = Secret,
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
            ["DATACONTRACTS_RETRY_MAX_MS"] = "50",
            ["NO_COLOR"] = "1",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "datacontracts.dll");
        return ChildProcess.RunAsync("dotnet", [dll, .. args], workingDirectory, environment, timeoutSeconds: 120);
    }

    /// <summary>Lines a runner would read as workflow commands, other than the tool's own annotations.</summary>
    public static string[] InjectedCommands(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r').TrimStart()).Where(l => (l.StartsWith("::", StringComparison.Ordinal) || l.StartsWith("##[", StringComparison.Ordinal)) && !IsOwnAnnotation(l))];

    // The tool's own: ::error or ::warning, properties it wrote (always ending in its title), then the escaped message.
    private static bool IsOwnAnnotation(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, @"^::(error|warning) (file=[^:,]*,(line=\d+,col=\d+,)?)?title=DC\d{4} DataContracts::");
}
