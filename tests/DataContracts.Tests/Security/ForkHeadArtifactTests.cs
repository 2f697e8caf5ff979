using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.GitHub;

namespace DataContracts.Tests.Security;

/// <summary>
/// Issue 20, item 2, the head artifacts' half: in the fork-safe pair's <c>workflow_run</c> half the head manifest
/// (and catalog) come from the fork's own run. The pull request really drops <c>orders.status</c> from
/// models/orders.sql (GitHub serves that file at the run's head); each attack hands in a manifest that tells
/// another story. Every run goes through the in-process CLI against the fake GitHub, with the sample's
/// manifest as the production state the trusted workflow fetched.
/// </summary>
public sealed class ForkHeadArtifactTests : IDisposable
{
    private const string RunHead = "1111111111111111111111111111111111111111";
    private const string OrdersId = "model.jaffle_shop.orders";

    private readonly WorkflowRunTests job = new();

    [Fact]
    public async Task AManifestWhoseSqlIsNotTheFileGitHubServesIsRefusedWithAnErrorStatus()
    {
        await using var server = await StartAsync();
        var manifest = HeadManifest(orders => orders["raw_code"] = "select 1 as order_id");

        var run = await RunAsync(server, manifest);

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.All);
        Assert.Contains(DiagnosticCodes.HeadManifestNotThePullRequests.Code, run.All, StringComparison.Ordinal);
        Assert.Contains("models/orders.sql", run.All, StringComparison.Ordinal);
        var status = Assert.Single(server.Statuses);
        Assert.Equal((RunHead, "error"), (status.Sha, status.State));
    }

    [Fact]
    public async Task AManifestThatLeavesTheSqlOutIsRefusedEvenWhenItsCompiledSqlIsTrusted()
    {
        await using var server = await StartAsync();
        var manifest = HeadManifest(orders => orders.Remove("raw_code"));

        var run = await RunAsync(server, manifest, "--trust-head-artifacts");

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.All);
        Assert.Contains("holds no SQL for it", run.All, StringComparison.Ordinal);
        Assert.Equal("error", Assert.Single(server.Statuses).State);
    }

    [Fact]
    public async Task AManifestMadeOfTheProductionSqlIsRefusedToo()
    {
        // The laziest forgery: upload production's own manifest as the head's, so "nothing changed".
        await using var server = await StartAsync();

        var run = await RunAsync(server, ProductionManifest);

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.All);
        Assert.Contains(DiagnosticCodes.HeadManifestNotThePullRequests.Code, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Statuses, s => s.State == "success");
    }

    [Fact]
    public async Task HonestSqlWithForgedCompiledSqlDoesNotPassByDefault()
    {
        // raw_code is the file GitHub serves; compiled_code and catalog.json are production's, which hide the dropped column.
        await using var server = await StartAsync();
        var manifest = HeadManifest(orders => orders["raw_code"] = ServedOrders().Trim());

        var byDefault = await RunAsync(server, manifest, "--dbt-catalog", Catalog("head-catalog.json"));

        Assert.True(byDefault.ExitCode == ExitCodes.ContractViolation, byDefault.All);
        Assert.Equal("failure", Assert.Single(server.Statuses).State);
        var change = Assert.Single(Report()["changes"]!.AsArray(), c => (string?)c!["file"] == "models/orders.sql")!;
        Assert.NotEqual("non_breaking", (string?)change["classification"]);
        Assert.Contains(Report()["diagnostics"]!.AsArray(), d => (string?)d!["code"] == DiagnosticCodes.HeadArtifactsVerified.Code);
    }

    [Fact]
    public async Task TheForgedCompiledSqlIsWhatATrustingWorkflowWouldHaveBelieved()
    {
        // The same forgery with --trust-head-artifacts: the check then rests on the fork's compiled SQL. This is
        // why the default does not trust it (and what the test above would miss if the default used it).
        await using var server = await StartAsync();
        var manifest = HeadManifest(orders => orders["raw_code"] = ServedOrders().Trim());

        var trusting = await RunAsync(server, manifest, "--dbt-catalog", Catalog("head-catalog.json"), "--trust-head-artifacts");

        var change = Assert.Single(Report()["changes"]!.AsArray(), c => (string?)c!["file"] == "models/orders.sql")!;
        Assert.True((string?)change["classification"] == "non_breaking", change.ToJsonString());
    }

    [Fact]
    public async Task AManifestThatLeavesTheChangedModelOutStillMapsItThroughProduction()
    {
        await using var server = await StartAsync();
        var manifest = HeadManifest(_ => { }, remove: true);

        var run = await RunAsync(server, manifest);

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        Assert.Contains(Report()["changes"]!.AsArray(), c => (string?)c!["file"] == "models/orders.sql" && (string?)c["contract"] == "orders");
        Assert.Equal("failure", Assert.Single(server.Statuses).State);
    }

    public void Dispose() => job.Dispose();

    private async Task<FakeGitHubServer> StartAsync()
    {
        var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        return server;
    }

    private Task<CliRunner.Run> RunAsync(FakeGitHubServer server, string headManifest, params string[] extra)
    {
        var state = job.Combine("production-state");
        Directory.CreateDirectory(state);
        File.Copy(ProductionManifest, Path.Combine(state, "manifest.json"), overwrite: true);
        File.Copy(Catalog("production-catalog.json"), Path.Combine(state, "catalog.json"), overwrite: true);
        var (environment, args) = job.JobFor(server, "M\tmodels/orders.sql\n", FakeGitHub.PullRequest, ["--manifest", headManifest, "--state", state, .. extra]);
        return CliRunner.RunAsync(job.ProjectFolder, environment, null, args);
    }

    private string ProductionManifest => Path.Combine(job.ProjectFolder, "target", "manifest.json");

    /// <summary>models/orders.sql as the fake GitHub serves it at the run's head (see <see cref="WorkflowRunTests"/>).</summary>
    private string ServedOrders() =>
        File.ReadAllText(Path.Combine(job.ProjectFolder, "models", "orders.sql")).Replace("        orders.status,\n", string.Empty, StringComparison.Ordinal);

    /// <summary>The fork's "head manifest": production's, with the orders node edited (or removed) as the attack needs.</summary>
    private string HeadManifest(Action<JsonObject> edit, bool remove = false)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(ProductionManifest))!.AsObject();
        var nodes = manifest["nodes"]!.AsObject();
        if (remove)
        {
            Assert.True(nodes.Remove(OrdersId));
        }
        else
        {
            edit(nodes[OrdersId]!.AsObject());
        }

        var path = job.Combine($"head-manifest-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    /// <summary>A catalog.json (dbt docs generate) of production's orders table, with the status column.</summary>
    private string Catalog(string name)
    {
        string[] columns = ["order_id", "customer_id", "order_date", "status", "credit_card_amount", "coupon_amount", "bank_transfer_amount", "gift_card_amount", "amount"];
        var nodeColumns = new JsonObject();
        for (var i = 0; i < columns.Length; i++)
        {
            nodeColumns[columns[i]] = new JsonObject { ["type"] = i < 3 ? "INT64" : i == 3 ? "STRING" : "FLOAT64", ["index"] = i + 1, ["name"] = columns[i] };
        }

        var catalog = new JsonObject
        {
            ["metadata"] = new JsonObject { ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/catalog/v1.json" },
            ["nodes"] = new JsonObject
            {
                [OrdersId] = new JsonObject
                {
                    ["unique_id"] = OrdersId,
                    ["metadata"] = new JsonObject { ["type"] = "table", ["database"] = "dbt-dev-dan", ["schema"] = "jaffle_shop", ["name"] = "orders" },
                    ["columns"] = nodeColumns,
                    ["stats"] = new JsonObject(),
                },
            },
            ["sources"] = new JsonObject(),
        };
        return job.Write(name, catalog.ToJsonString());
    }

    private JsonNode Report() => JsonNode.Parse(File.ReadAllText(job.Combine("report.json")))!;
}
