using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.State;

/// <summary>
/// <c>dbt.state: github-artifact:WORKFLOW/ARTIFACT</c> against the fake Actions artifacts API (and its blob host on
/// another origin), through the command tree: the right run is chosen, the archive is read as untrusted data, and
/// every failure is a coded diagnostic, never a silent non-breaking.
/// </summary>
public class GitHubArtifactStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Check = ["check", "--changed-files", StateWorkspace.ChangedFiles, "--format", "json"];

    [Fact]
    public async Task TheNewestSuccessfulRunOnTheDefaultBranchIsProductionAndTheTokenStaysOnTheApiHost()
    {
        using var workspace = new StateWorkspace();
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 101, DateTimeOffset.UtcNow.AddDays(-2), StateWorkspace.ProductionZip());
        // Newer, but not production: another branch, a failed deploy, a fork's pull request run named main.
        Run(github, 102, "feature", "success", DateTimeOffset.UtcNow.AddHours(-3), Broken());
        Run(github, 103, "main", "failure", DateTimeOffset.UtcNow.AddHours(-2), Broken());
        github.AddWorkflowRun(new FakeWorkflowRun { Id = 104, WorkflowFile = "deploy.yml", HeadBranch = "main", Event = "pull_request", HeadRepositoryId = 9999, CreatedAt = DateTimeOffset.UtcNow.AddHours(-1) })
            .Artifacts.Add(new FakeArtifact { Id = 1104, Name = "dbt-state", Zip = Broken() });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        var report = JsonNode.Parse(run.Out)!;
        Assert.DoesNotContain(report["diagnostics"]!.AsArray(), d => ((string?)d!["code"])!.StartsWith("DC41", StringComparison.Ordinal));
        Assert.Contains("run 101 of deploy.yml on main", (string?)report["artifacts"]!["stateDetail"], StringComparison.Ordinal);
        Assert.NotEmpty(report["changes"]!.AsArray());
        Assert.All(report["changes"]!.AsArray(), c => Assert.Equal("non_breaking", (string?)c!["classification"]));
        Assert.All(report["changes"]!.AsArray(), c => Assert.Equal("catalog", (string?)c!["evidence"]));
        Assert.NotEmpty(github.BlobRequests);
        Assert.All(github.BlobRequests, r => Assert.False(r.HadAuthorization, "the token went to the blob host"));
        Assert.DoesNotContain(github.Token, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredArtifactIsSkippedForTheNextRunAndOnlyExpiredOnesAreCodedNotFound()
    {
        using var workspace = new StateWorkspace();
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 201, DateTimeOffset.UtcNow.AddDays(-40), StateWorkspace.ProductionZip());
        github.AddWorkflowRun(new FakeWorkflowRun { Id = 202, WorkflowFile = "deploy.yml", CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) })
            .Artifacts.Add(new FakeArtifact { Id = 1202, Name = "dbt-state", Zip = Broken(), Expired = true, ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        Assert.Contains("run 201", run.Out, StringComparison.Ordinal);

        using var onlyExpired = new StateWorkspace(onCatalogError: "fail");
        await using var github2 = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        github2.AddWorkflowRun(new FakeWorkflowRun { Id = 301, WorkflowFile = "deploy.yml" })
            .Artifacts.Add(new FakeArtifact { Id = 1301, Name = "dbt-state", Zip = StateWorkspace.ProductionZip(), Expired = true });

        var failed = await CliRunner.RunAsync(onlyExpired.Repo, Environment(github2), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, failed.ExitCode);
        Assert.Contains("DC7100", failed.Out, StringComparison.Ordinal);
        Assert.Contains("1 expired", failed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunOnlyOnAnotherBranchIsNotProduction()
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Run(github, 401, "release-candidate", "success", DateTimeOffset.UtcNow, StateWorkspace.ProductionZip());

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC7100", run.Out, StringComparison.Ordinal);
        Assert.Contains("on main", run.Out, StringComparison.Ordinal);
        Assert.Empty(github.BlobRequests);
    }

    [Fact]
    public async Task AnUnknownWorkflowIs404AndCoded()
    {
        using var workspace = new StateWorkspace(state: "github-artifact:nightly.yml/dbt-state", onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 501, DateTimeOffset.UtcNow, StateWorkspace.ProductionZip());

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC7101", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("sub/../../x")]
    [InlineData("C:\\x")]
    public async Task AnArchiveWithAHostileEntryNameIsRefusedWhole(string name)
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 601, DateTimeOffset.UtcNow, StateWorkspace.ProductionZip((name, "pwned"u8.ToArray())));

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC4104", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Combine("x")));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "datacontracts-state", "x")));
    }

    [Fact]
    public async Task AnEntryDeclaringTwoGigabytesIsRefusedBeforeItIsRead()
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 701, DateTimeOffset.UtcNow, StateWorkspace.WithDeclaredSize(StateWorkspace.ProductionZip(), 2_147_483_648));

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC4106", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArtifactListedAtTwoGigabytesIsNotDownloaded()
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        github.AddWorkflowRun(new FakeWorkflowRun { Id = 801, WorkflowFile = "deploy.yml" })
            .Artifacts.Add(new FakeArtifact { Id = 1801, Name = "dbt-state", Zip = StateWorkspace.ProductionZip(), DeclaredSize = 2L << 30 });

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC4106", run.Out, StringComparison.Ordinal);
        Assert.Empty(github.BlobRequests);
    }

    [Fact]
    public async Task ARedirectToAnotherHostGetsNoTokenAndARedirectOffHttpIsRefused()
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 901, DateTimeOffset.UtcNow, StateWorkspace.ProductionZip());
        github.ArtifactRedirect = _ => "file:///etc/passwd";

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC7102", run.Out, StringComparison.Ordinal);
        Assert.Contains("redirected to a file address", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithOnCatalogErrorWarnAFailedFetchGoesOnWithEveryChangeUnknownAndSaysSo()
    {
        using var workspace = new StateWorkspace(onCatalogError: "warn");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Run(github, 1001, "feature", "success", DateTimeOffset.UtcNow, StateWorkspace.ProductionZip());

        var run = await CliRunner.RunAsync(workspace.Repo, Environment(github), null, Check);

        Assert.NotEqual(ExitCodes.ServiceFailure, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Contains(report["diagnostics"]!.AsArray(), d => (string?)d!["code"] == "DC4107" && (string?)d["severity"] == "warning");
        Assert.Contains(report["diagnostics"]!.AsArray(), d => (string?)d!["code"] == "DC7100" && (string?)d["severity"] == "warning");
        Assert.NotEmpty(report["changes"]!.AsArray());
        Assert.All(report["changes"]!.AsArray(), c => Assert.Equal("unknown", (string?)c!["classification"]));
        // Unknown counts as breaking: the staging models' dbt consumers block, as they would with no state at all.
        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
    }

    [Fact]
    public async Task WithoutATokenTheRunStopsAsBadInputNamingTheVariable()
    {
        using var workspace = new StateWorkspace(onCatalogError: "fail");
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        var environment = Environment(github);
        environment.Remove("GITHUB_TOKEN");

        var run = await CliRunner.RunAsync(workspace.Repo, environment, null, Check);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC4102", run.Out, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithACacheFolderTheStepsOfOneRunFetchOnceAndANewRunFetchesAgain()
    {
        using var workspace = new StateWorkspace();
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        Production(github, 1101, DateTimeOffset.UtcNow, StateWorkspace.ProductionZip());
        var environment = Environment(github);
        environment["GITHUB_RUN_ID"] = "777";
        string[] args = [.. Check, "--cache-dir", workspace.Combine("cache")];

        var first = await CliRunner.RunAsync(workspace.Repo, environment, null, args);
        var second = await CliRunner.RunAsync(workspace.Repo, environment, null, args);
        environment["GITHUB_RUN_ID"] = "778";
        var third = await CliRunner.RunAsync(workspace.Repo, environment, null, args);

        Assert.True(first.ExitCode == ExitCodes.Success, first.All);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(ExitCodes.Success, third.ExitCode);
        Assert.Contains("cached in this run", second.Out, StringComparison.Ordinal);
        Assert.Equal(2, github.BlobRequests.Count);
    }

    [Theory]
    [InlineData("github-artifact:deploy.yml")]
    [InlineData("github-artifact:../deploy.yml/x")]
    [InlineData("github-artifact:deploy.sh/dbt-state")]
    [InlineData("dbt-cloud:acme/42")]
    public async Task AMalformedSourceIsBadInputAtItsLine(string state)
    {
        using var workspace = new StateWorkspace(state: state, onCatalogError: "fail");

        var run = await CliRunner.RunAsync(workspace.Repo, null, null, "validate");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC4100", run.All, StringComparison.Ordinal);
        Assert.Matches(@"datacontracts\.yml:8:\d+", run.All);
    }

    private static Dictionary<string, string?> Environment(FakeGitHubServer github) => new()
    {
        ["GITHUB_API_URL"] = github.BaseUrl.AbsoluteUri,
        ["GITHUB_REPOSITORY"] = github.Repository,
        ["GITHUB_TOKEN"] = github.Token,
    };

    private static void Production(FakeGitHubServer github, long id, DateTimeOffset when, byte[] zip) => Run(github, id, "main", "success", when, zip);

    private static void Run(FakeGitHubServer github, long id, string branch, string conclusion, DateTimeOffset when, byte[] zip) =>
        github.AddWorkflowRun(new FakeWorkflowRun { Id = id, WorkflowFile = "deploy.yml", HeadBranch = branch, Conclusion = conclusion, CreatedAt = when })
            .Artifacts.Add(new FakeArtifact { Id = 1000 + id, Name = "dbt-state", Zip = zip });

    /// <summary>An archive that would fail the run if it were ever chosen.</summary>
    private static byte[] Broken() => StateWorkspace.Zip(("manifest.json", "not json"u8.ToArray()));
}
