using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// Column-level impact through the whole check: a real manifest and catalog pair (Recce's pr2 jaffle_shop) whose
/// change drops <c>number_of_orders</c> from int_customer_orders, classified breaking from the dbt catalogs, and a
/// catalog in which one table reads the dropped column (and a chart reads that table's column), a sibling reads
/// only <c>first_order</c> (and a dashboard reads the sibling), and a third table has no column lineage at all.
/// The same catalog answers offline (the snapshot file) and live (the fake Secoda seeded from it).
/// </summary>
public class ColumnImpactCheckTests
{
    private const string Model = "model.jaffle_shop.int_customer_orders";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", "recce", .. parts]);

    [Fact]
    public async Task OnlyTheReadersOfTheDroppedColumnBreakOfflineAndLive()
    {
        using var folder = Prepare(ignore: null);
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(Path.Combine(folder.Path, "repo", "snapshot.json"), upperCaseTables: false, Ct);

        var offline = await RunAsync(folder, null);
        var live = await RunAsync(folder, secoda);

        foreach (var (exit, report) in new[] { offline, live })
        {
            Assert.Equal(ExitCodes.ContractViolation, exit);
            var impact = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["secodaId"]?.GetValue<string>() == "t-orders")!;
            Assert.Equal("fail", impact["verdict"]!.GetValue<string>());
            Assert.True(Breaks(impact, "t-reads-orders"));
            Assert.True(Breaks(impact, "chart-orders"));
            Assert.False(Breaks(impact, "t-reads-first"));
            Assert.False(Breaks(impact, "dash-first"));
            Assert.Null(Breaks(impact, "t-no-columns"));
            Assert.Equal(2, impact["spared"]!.GetValue<int>());
            var broken = Assert.Single(impact["columns"]!["broken"]!.AsArray())!;
            Assert.Equal("number_of_orders", broken["column"]!.GetValue<string>(), ignoreCase: true);
            Assert.Contains(broken["readers"]!.AsArray(), r => r!.GetValue<string>() == "t-reads-orders");

            // The blocking message names the consumers that break, not the spared ones.
            var blocking = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1001")!;
            Assert.DoesNotContain("READS_FIRST", blocking["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("READS_ORDERS", blocking["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(Breaking(offline.Report), Breaking(live.Report));
    }

    [Fact]
    public async Task WhenEveryCountedConsumerIsSparedTheNonBreakingPolicyDecides()
    {
        // Leave only the sibling that reads intact columns (and its dashboard); the dbt children of the model
        // (customers and what it feeds) have no column lineage in this catalog, so they are ignored here.
        using var folder = Prepare(ignore: ["READS_ORDERS", "CHART_ORDERS", "NO_COLUMNS", "customer*"]);

        var (exit, report) = await RunAsync(folder, null);

        Assert.Equal(ExitCodes.Success, exit);
        var impact = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["secodaId"]?.GetValue<string>() == "t-orders")!;
        Assert.Equal("warn", impact["verdict"]!.GetValue<string>());
        Assert.False(Breaks(impact, "t-reads-first"));
        Assert.DoesNotContain(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1001");
    }

    [Fact]
    public async Task AChartOnlyColumnLineageReachesIsAConsumerThatBreaksOfflineAndLive()
    {
        // Secoda links TILE_ORDERS to READS_ORDERS' column only: the table-level walk never sees it. The dbt
        // children of the model are ignored so the blocking message lists every consumer that breaks.
        using var folder = Prepare(ignore: ["customer*"]);
        var path = Path.Combine(folder.Path, "repo", "snapshot.json");
        var snapshot = JsonNode.Parse(File.ReadAllText(path))!;
        snapshot["resources"]!.AsArray().Add(new JsonObject { ["id"] = "tile-orders", ["title"] = "TILE_ORDERS", ["entityType"] = "chart" });
        snapshot["lineage"]!.AsArray().Add(new JsonObject { ["from"] = "c-ro-orders", ["to"] = "tile-orders" });
        File.WriteAllText(path, snapshot.ToJsonString());
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(path, upperCaseTables: false, Ct);

        foreach (var (exit, report) in new[] { await RunAsync(folder, null), await RunAsync(folder, secoda) })
        {
            Assert.Equal(ExitCodes.ContractViolation, exit);
            var impact = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["secodaId"]?.GetValue<string>() == "t-orders")!;
            Assert.True(Breaks(impact, "tile-orders"));
            var tile = Assert.Single(impact["downstream"]!.AsArray(), d => d!["id"]!.GetValue<string>() == "tile-orders")!;
            Assert.Equal("TILE_ORDERS", tile["title"]!.GetValue<string>());
            Assert.Equal("chart", tile["type"]!.GetValue<string>());
            Assert.Equal(["t-orders", "t-reads-orders"], tile["via"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal(2, tile["depth"]!.GetValue<int>());
            Assert.Contains(impact["columns"]!["broken"]![0]!["readers"]!.AsArray(), r => r!.GetValue<string>() == "tile-orders");
            var blocking = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1001")!;
            Assert.Contains("TILE_ORDERS (chart)", blocking["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    public async Task TheReportSaysWhoReadsEachBrokenColumnAndWhoWasSpared(string format)
    {
        using var folder = Prepare(ignore: null);

        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), null, null, "check", "--changed-files", "changed.txt", "--format", format);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);

        // Markdown escapes the underscores of names; the words are what a reviewer reads.
        var output = run.Out.Replace("\\", string.Empty, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("number_of_orders:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("READS_ORDERS", line, StringComparison.Ordinal);
        Assert.DoesNotContain("READS_FIRST", line, StringComparison.Ordinal);
        Assert.Contains("2 consumer(s) spared", output, StringComparison.Ordinal);
        Assert.Contains("spared", Assert.Single(output.Split('\n'), l => l.Contains("READS_FIRST", StringComparison.Ordinal) && !l.Contains("→", StringComparison.Ordinal) && !l.Contains("[\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static bool? Breaks(JsonNode impact, string id)
    {
        var entry = Assert.Single(impact["downstream"]!.AsArray(), d => d!["id"]!.GetValue<string>() == id)!;
        return entry["breaks"]?.GetValue<bool>();
    }

    private static string Breaking(JsonNode report) => string.Join(",", report["impacts"]!.AsArray()
        .SelectMany(i => i!["downstream"]!.AsArray())
        .Select(d => $"{d!["id"]}={d["breaks"]?.ToJsonString() ?? "null"}")
        .Order(StringComparer.Ordinal));

    private static async Task<(int Exit, JsonNode Report)> RunAsync(TempFolder folder, FakeSecodaServer? secoda)
    {
        var environment = secoda is null
            ? null
            : new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };
        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), environment, null, "check", "--changed-files", "changed.txt", "--format", "json");
        Assert.True(run.ExitCode is 0 or 1, run.All);
        return (run.ExitCode, JsonNode.Parse(run.Out)!);
    }

    /// <summary>Production is pr2 as it is; the change drops number_of_orders from int_customer_orders (SQL and head catalog).</summary>
    private static TempFolder Prepare(string[]? ignore)
    {
        var folder = new TempFolder();
        var manifest = JsonNode.Parse(File.ReadAllText(Fixture("pr2", "manifest.json")))!;
        var catalog = JsonNode.Parse(File.ReadAllText(Fixture("pr2", "catalog.json")))!;
        folder.Write("prod/manifest.json", manifest.ToJsonString());
        File.Copy(Fixture("pr2", "catalog.json"), Path.Combine(folder.Path, "prod", "catalog.json"));
        var node = manifest["nodes"]![Model]!;
        foreach (var field in new[] { "raw_code", "compiled_code" })
        {
            var text = node[field]!.GetValue<string>();
            Assert.Contains(",\n    count(order_id) as number_of_orders", text, StringComparison.Ordinal);
            node[field] = text.Replace(",\n    count(order_id) as number_of_orders", string.Empty, StringComparison.Ordinal);
        }

        catalog["nodes"]![Model]!["columns"]!.AsObject().Remove("number_of_orders");
        folder.Write("repo/target/manifest.json", manifest.ToJsonString());
        folder.Write("repo/target/catalog.json", catalog.ToJsonString());
        folder.Write("repo/changed.txt", "M\tmodels/int_customer_orders.sql\n");
        folder.Write("repo/snapshot.json", Snapshot().ToJsonString());
        NameDerivedColumnLineage.WriteContractFile(folder, "customer_orders", ignore, "int_customer_orders");
        return folder;
    }

    private static JsonObject Snapshot()
    {
        JsonObject Table(string id, string title) => new() { ["id"] = id, ["title"] = title, ["entityType"] = "table", ["database"] = "jaffle_shop", ["schema"] = "dev" };
        JsonObject Column(string id, string title, string parent) => new() { ["id"] = id, ["title"] = title, ["entityType"] = "column", ["parentId"] = parent };
        JsonObject Other(string id, string title, string type) => new() { ["id"] = id, ["title"] = title, ["entityType"] = type };
        JsonObject Edge(string from, string to) => new() { ["from"] = from, ["to"] = to };
        return new JsonObject
        {
            ["version"] = 1,
            ["resources"] = new JsonArray(
                Table("t-orders", "int_customer_orders"),
                Column("c-customer", "CUSTOMER_ID", "t-orders"),
                Column("c-first", "FIRST_ORDER", "t-orders"),
                Column("c-recent", "MOST_RECENT_ORDER", "t-orders"),
                Column("c-orders", "NUMBER_OF_ORDERS", "t-orders"),
                Table("t-reads-orders", "READS_ORDERS"),
                Column("c-ro-orders", "ORDERS", "t-reads-orders"),
                Other("chart-orders", "CHART_ORDERS", "chart"),
                Table("t-reads-first", "READS_FIRST"),
                Column("c-rf-first", "FIRST", "t-reads-first"),
                Other("dash-first", "DASH_FIRST", "dashboard"),
                Table("t-no-columns", "NO_COLUMNS")),
            ["lineage"] = new JsonArray(
                Edge("t-orders", "t-reads-orders"),
                Edge("t-reads-orders", "chart-orders"),
                Edge("t-orders", "t-reads-first"),
                Edge("t-reads-first", "dash-first"),
                Edge("t-orders", "t-no-columns"),
                Edge("c-orders", "c-ro-orders"),
                Edge("c-ro-orders", "chart-orders"),
                Edge("c-first", "c-rf-first")),
        };
    }
}
