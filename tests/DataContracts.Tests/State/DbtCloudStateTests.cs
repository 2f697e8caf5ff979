using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.State;

/// <summary><c>dbt.state: dbt-cloud:ACCOUNT/JOB</c> against the fake dbt Cloud artifact endpoint.</summary>
public class DbtCloudStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Check = ["check", "--changed-files", StateWorkspace.ChangedFiles, "--format", "json"];

    [Fact]
    public async Task TheJobsLatestArtifactsAreProductionAndTheTokenGoesAsTokenAuthorization()
    {
        using var workspace = new StateWorkspace(state: "dbt-cloud:70403/12345");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        cloud.AddJob(70403, 12345, new Dictionary<string, byte[]>
        {
            ["manifest.json"] = StateWorkspace.ProductionFile("manifest.json"),
            ["catalog.json"] = StateWorkspace.ProductionFile("catalog.json"),
        });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(cloud), null, Check);

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Contains("dbt Cloud job 12345", (string?)report["artifacts"]!["stateDetail"], StringComparison.Ordinal);
        Assert.NotEmpty(report["changes"]!.AsArray());
        Assert.All(report["changes"]!.AsArray(), c => Assert.Equal("non_breaking", (string?)c!["classification"]));
        Assert.All(cloud.Requests, r => Assert.Equal("Token " + cloud.Token, r.Authorization));
        Assert.Contains(cloud.Requests, r => r.Path == "/api/v2/accounts/70403/jobs/12345/artifacts/manifest.json");
        Assert.DoesNotContain(cloud.Token, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobWithoutCatalogStillGivesTheManifest()
    {
        using var workspace = new StateWorkspace(state: "dbt-cloud:1/2");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        cloud.AddJob(1, 2, new Dictionary<string, byte[]> { ["manifest.json"] = StateWorkspace.ProductionFile("manifest.json") });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(cloud), null, Check);

        // Without production's catalog some changes cannot be decided (unknown), so the verdict may block; the fetch itself worked.
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, run.All);
        Assert.Contains("fetched: latest run of dbt Cloud job 2", run.Out, StringComparison.Ordinal);
        Assert.Contains(cloud.Requests, r => r.Path.EndsWith("/artifacts/catalog.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrongTokenIs401AndCoded()
    {
        using var workspace = new StateWorkspace(state: "dbt-cloud:1/2", onCatalogError: "fail");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        cloud.AddJob(1, 2, new Dictionary<string, byte[]> { ["manifest.json"] = StateWorkspace.ProductionFile("manifest.json") });
        var environment = Environment(cloud);
        environment["DBT_CLOUD_API_TOKEN"] = "dbtc_wrong_token_value_123";

        var run = await CliRunner.RunAsync(workspace.Repo, environment, null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC4110", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dbtc_wrong_token_value_123", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownJobIs404AndCoded()
    {
        using var workspace = new StateWorkspace(state: "dbt-cloud:1/999", onCatalogError: "fail");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        cloud.AddJob(1, 2, new Dictionary<string, byte[]> { ["manifest.json"] = StateWorkspace.ProductionFile("manifest.json") });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(cloud), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC4111", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenVariableIsTheOneTheContractFileNames()
    {
        using var workspace = new StateWorkspace(state: "dbt-cloud:1/2\n  state_token_env: PROD_DBT_TOKEN");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        cloud.AddJob(1, 2, new Dictionary<string, byte[]> { ["manifest.json"] = StateWorkspace.ProductionFile("manifest.json") });
        var environment = Environment(cloud);

        var missing = await CliRunner.RunAsync(workspace.Repo, environment, null, Check);
        environment["PROD_DBT_TOKEN"] = cloud.Token;
        var found = await CliRunner.RunAsync(workspace.Repo, environment, null, Check);

        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("DC4102", missing.Out, StringComparison.Ordinal);
        Assert.Contains("PROD_DBT_TOKEN", missing.Out, StringComparison.Ordinal);
        Assert.True(found.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, found.All);
        Assert.Contains("fetched: latest run of dbt Cloud job 2", found.Out, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(FakeDbtCloudServer cloud) => new()
    {
        ["DBT_CLOUD_API_URL"] = cloud.BaseUrl.AbsoluteUri,
        ["DBT_CLOUD_API_TOKEN"] = cloud.Token,
    };
}
