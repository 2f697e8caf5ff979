using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// Column-level impact on a real project with column lineage nobody wrote by hand: Recce's pr2 jaffle_shop is
/// production, and the change drops <c>status</c> from stg_orders and <c>amount</c> from stg_payments (SQL and head
/// catalog). The catalog is derived from production's manifest and catalog by <see cref="NameDerivedColumnLineage"/>
/// (column lineage wherever a downstream column has an upstream column's name). By name, only orders reads
/// stg_orders.status, while int_customer_orders and int_customer_payments read stg_orders only through other
/// columns, so they and everything below them are spared; int_customer_payments renames stg_payments' columns
/// (total_amount), so it has no column lineage from stg_payments and it and what it feeds stay unknown.
/// Offline (the snapshot), live (the fake Secoda seeded from it) and live through --cache-dir give one answer.
/// </summary>
public class NameDerivedColumnImpactTests
{
    private const string Orders = "model.jaffle_shop.stg_orders";
    private const string Payments = "model.jaffle_shop.stg_payments";

    private static readonly string[] Below = ["customers", "customer_segments", "customer_order_pattern"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DroppedColumnsBreakOnlyTheirReadersByNameOfflineLiveAndCached()
    {
        using var folder = Prepare();
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(Path.Combine(folder.Path, "repo", "snapshot.json"), upperCaseTables: false, Ct);
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        var runs = new List<(int Exit, JsonNode Report)>
        {
            await RunAsync(folder, null),
            await RunAsync(folder, live),
            await RunAsync(folder, live, "--cache-dir", "cache"),
        };
        var asked = secoda.Requests.Count;
        runs.Add(await RunAsync(folder, live, "--cache-dir", "cache"));

        // The second cached run answers from the cache file alone, columns and column lineage included.
        Assert.Equal(asked, secoda.Requests.Count);
        foreach (var (exit, report) in runs)
        {
            Assert.Equal(ExitCodes.ContractViolation, exit);
            var orders = Impact(report, Orders);
            Assert.Equal("status", Assert.Single(orders["columns"]!["broken"]!.AsArray())!["column"]!.GetValue<string>());
            Assert.True(Breaks(orders, "orders"));
            Assert.False(Breaks(orders, "int_customer_orders"));
            Assert.False(Breaks(orders, "int_customer_payments"));
            Assert.All(Below, title => Assert.False(Breaks(orders, title)));
            Assert.Equal(5, orders["spared"]!.GetValue<int>());
            Assert.Equal("fail", orders["verdict"]!.GetValue<string>());

            var payments = Impact(report, Payments);
            var amount = Assert.Single(payments["columns"]!["broken"]!.AsArray())!;
            Assert.Equal("amount", amount["column"]!.GetValue<string>());
            Assert.Equal([NameDerivedColumnLineage.TableId("model.jaffle_shop.orders")], amount["readers"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.True(Breaks(payments, "orders"));
            Assert.Null(Breaks(payments, "int_customer_payments"));
            Assert.All(Below, title => Assert.Null(Breaks(payments, title)));
            Assert.Equal(0, payments["spared"]!.GetValue<int>());
        }

        Assert.All(runs, r => Assert.Equal(Answer(runs[0].Report), Answer(r.Report)));
    }

    [Fact]
    public async Task TheTextReportSaysWhoReadsEachDroppedColumn()
    {
        using var folder = Prepare();

        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "text");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains(".status: read by jaffle_shop.dev.orders", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(".amount: read by jaffle_shop.dev.orders", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("5 consumer(s) spared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheStickyCommentListsPerBrokenColumnWhoReadsIt()
    {
        using var folder = Prepare();
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        DataContracts.Tests.GitHub.FakeGitHub.SeedConversation(github, 0);
        var environment = DataContracts.Tests.GitHub.FakeGitHub.Environment(github);
        environment["GITHUB_EVENT_PATH"] = folder.Write("event.json", """{ "number": 7, "pull_request": { "number": 7, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } } }""");

        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), environment, null, "check", "--changed-files", "changed.txt", "--comment");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var comment = Assert.Single(github.CommentsOn(DataContracts.Tests.GitHub.FakeGitHub.PullRequest)).Body.Replace("\\", string.Empty, StringComparison.Ordinal);
        var lines = comment.Split('\n').SkipWhile(l => !l.Contains("Broken columns", StringComparison.Ordinal)).ToArray();
        Assert.Contains(lines, l => l.Contains("stg_orders.status: read by jaffle_shop.dev.orders", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("stg_payments.amount: read by jaffle_shop.dev.orders", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("stg_orders: 5 consumer(s) spared", StringComparison.Ordinal));
    }

    private static JsonNode Impact(JsonNode report, string model) =>
        Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["secodaId"]?.GetValue<string>() == NameDerivedColumnLineage.TableId(model))!;

    private static bool? Breaks(JsonNode impact, string title)
    {
        var entry = Assert.Single(impact["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == title)!;
        return entry["breaks"]?.GetValue<bool>();
    }

    private static string Answer(JsonNode report) => string.Join(",", report["impacts"]!.AsArray()
        .SelectMany(i => i!["downstream"]!.AsArray().Select(d => $"{i["source"]!["secodaId"]}>{d!["id"]}={d["breaks"]?.ToJsonString() ?? "null"}"))
        .Order(StringComparer.Ordinal));

    private static async Task<(int Exit, JsonNode Report)> RunAsync(TempFolder folder, IReadOnlyDictionary<string, string?>? environment, params string[] extra)
    {
        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), environment, null, ["check", "--changed-files", "changed.txt", "--format", "json", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.All);
        return (run.ExitCode, JsonNode.Parse(run.Out)!);
    }

    /// <summary>The pull request of the class summary in a temp folder: production in prod/, the change in repo/.</summary>
    internal static TempFolder Prepare()
    {
        var folder = new TempFolder();
        var pr2 = Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "recce", "pr2");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(pr2, "manifest.json")))!;
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(pr2, "catalog.json")))!;
        folder.Write("prod/manifest.json", manifest.ToJsonString());
        folder.Write("prod/catalog.json", catalog.ToJsonString());
        folder.Write("repo/snapshot.json", NameDerivedColumnLineage.Snapshot(manifest, catalog).ToJsonString());

        Drop(manifest, catalog, Orders, "status", "order_date,\n        status", "order_date");
        Drop(manifest, catalog, Payments, "amount", "payment_method,\n\n        -- `amount` is currently stored in cents, so we convert it to dollars\n        amount / 100 as amount", "payment_method");
        folder.Write("repo/target/manifest.json", manifest.ToJsonString());
        folder.Write("repo/target/catalog.json", catalog.ToJsonString());
        folder.Write("repo/changed.txt", "M\tmodels/staging/stg_orders.sql\nM\tmodels/staging/stg_payments.sql\n");
        NameDerivedColumnLineage.WriteContractFile(folder, "staging", "stg_orders", "stg_payments");
        return folder;
    }

    /// <summary>Removes a column from a model's SQL (raw and compiled) and from the head catalog, as the pull request would.</summary>
    private static void Drop(JsonNode manifest, JsonNode catalog, string model, string column, string select, string without)
    {
        var node = manifest["nodes"]![model]!;
        foreach (var field in new[] { "raw_code", "compiled_code" })
        {
            var text = node[field]!.GetValue<string>();
            Assert.Contains(select, text, StringComparison.Ordinal);
            node[field] = text.Replace(select, without, StringComparison.Ordinal);
        }

        Assert.True(catalog["nodes"]![model]!["columns"]!.AsObject().Remove(column));
    }
}
