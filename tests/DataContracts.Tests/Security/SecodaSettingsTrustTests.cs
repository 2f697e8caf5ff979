using System.Text.Json.Nodes;

using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.Catalog;

namespace DataContracts.Tests.Security;

/// <summary>In CI the pull request cannot choose where the Secoda key goes or which secret is sent: the base branch's settings rule.</summary>
public class SecodaSettingsTrustTests
{
    private const string Secret = HostileWorkspace.Secret;
    private const string OtherSecret = "aws-secret-9d8c7b6a5f4e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InCiAHeadThatMovesSecodaUrlSendsTheKeyNowhereAndSaysMergeFirst()
    {
        await using var trusted = await StartAsync();
        await using var attacker = await StartAsync();
        using var repo = Repository(trusted, secoda => secoda.Replace(trusted.ApiUrl.AbsoluteUri, attacker.ApiUrl.AbsoluteUri, StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(repo.Path, Ci(), null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC2050", run.Out, StringComparison.Ordinal);
        Assert.Contains("merge", run.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(attacker.Requests);
        Assert.Empty(trusted.Requests);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InCiAHeadThatRenamesTokenEnvSendsNoSecret()
    {
        await using var trusted = await StartAsync();
        using var repo = Repository(trusted, secoda => secoda + "  token_env: AWS_SECRET_ACCESS_KEY\n");

        var run = await CliRunner.RunAsync(repo.Path, Ci(("AWS_SECRET_ACCESS_KEY", OtherSecret)), null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC2050", run.Out, StringComparison.Ordinal);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", run.Out, StringComparison.Ordinal);
        Assert.Empty(trusted.Requests);
        Assert.DoesNotContain(OtherSecret, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InCiTheEnvironmentsUrlWinsOverTheHeadsAndTheBaseSettingsAreUsedWhenUnchanged()
    {
        await using var trusted = await StartAsync();
        await using var attacker = await StartAsync();
        await using var configured = await StartAsync();
        using var moved = Repository(trusted, secoda => secoda.Replace(trusted.ApiUrl.AbsoluteUri, attacker.ApiUrl.AbsoluteUri, StringComparison.Ordinal));
        using var unchanged = Repository(trusted, secoda => secoda);

        var fromEnvironment = await CliRunner.RunAsync(moved.Path, Ci(("SECODA_API_URL", configured.ApiUrl.AbsoluteUri)), null, "check", "--base", "main", "--format", "json");
        var fromBase = await CliRunner.RunAsync(unchanged.Path, Ci(), null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.ContractViolation, fromEnvironment.ExitCode);
        Assert.Empty(attacker.Requests);
        Assert.NotEmpty(configured.Requests);
        Assert.All(configured.Requests, r => Assert.True(r.Authorized));
        Assert.Equal(ExitCodes.ContractViolation, fromBase.ExitCode);
        Assert.Equal("fail", JsonNode.Parse(fromBase.Out)!["result"]!.GetValue<string>());
        Assert.NotEmpty(trusted.Requests);
    }

    [Fact]
    public async Task OutsideCiTheContractFilesUrlIsUsedAsBefore()
    {
        await using var trusted = await StartAsync();
        await using var other = await StartAsync();
        using var repo = Repository(trusted, secoda => secoda.Replace(trusted.ApiUrl.AbsoluteUri, other.ApiUrl.AbsoluteUri, StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(repo.Path, new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = Secret }, null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.NotEmpty(other.Requests);
        Assert.Empty(trusted.Requests);
    }

    [Theory]
    [InlineData("workflow_run", ExitCodes.ContractViolation)]
    [InlineData("pull_request", ExitCodes.InvalidInput)]
    public async Task WithoutHistoryOnlyTheWorkflowsOwnCheckoutIsTrusted(string eventName, int expected)
    {
        await using var trusted = await StartAsync();
        using var repo = Repository(trusted, secoda => secoda);
        var head = repo.Git("rev-parse", "HEAD").Trim();
        repo.Write("changed.txt", "warehouse/orders.sql\n");

        // No origin and no base: as in the fork-safe pair's shallow checkout of the default branch.
        var run = await CliRunner.RunAsync(
            repo.Path,
            Ci(("GITHUB_ACTIONS", "true"), ("GITHUB_EVENT_NAME", eventName), ("GITHUB_SHA", head)),
            null,
            "check",
            "--changed-files",
            "changed.txt",
            "--format",
            "json");

        Assert.Equal(expected, run.ExitCode);
        Assert.Equal(eventName == "workflow_run", trusted.Requests.Count > 0);
        Assert.Equal(eventName != "workflow_run", run.Out.Contains("DC2050", StringComparison.Ordinal));
    }

    private static async Task<FakeSecodaServer> StartAsync()
    {
        var server = await FakeSecodaServer.StartAsync(Secret, cancellationToken: Ct);
        SecodaTestGraph.Seed(server);
        return server;
    }

    private static Dictionary<string, string?> Ci(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?> { ["CI"] = "true", ["SECODA_API_TOKEN"] = Secret };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>main holds the contract file pointing at <paramref name="trusted"/>; branch pr changes the orders model and the secoda section as <paramref name="change"/> says.</summary>
    private static GitRepo Repository(FakeSecodaServer trusted, Func<string, string> change)
    {
        var repo = new GitRepo();
        var secoda = $"""
            secoda:
              url: {trusted.ApiUrl.AbsoluteUri}
              integration_id: {SecodaTestGraph.Warehouse}

            """;
        static string Contract(string section) => section + """
            sql:
              paths: ["warehouse/**/*.sql"]
              dialect: snowflake
            policy:
              on_impact: fail
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
            """;
        repo.Write("datacontracts.yml", "version: 1\n" + Contract(secoda));
        repo.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id, 2 as amount;\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "pr");
        repo.Write("datacontracts.yml", "version: 1\n" + Contract(change(secoda)));
        // A column dropped: breaking, so the consumer blocks whichever catalog answers.
        repo.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        repo.Commit("pull request");
        return repo;
    }
}
