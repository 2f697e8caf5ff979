using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.Catalog;

namespace DataContracts.Tests.Changes;

/// <summary>
/// Run from a git hook (pre-push, pre-commit), the tool inherits <c>GIT_DIR</c>, <c>GIT_WORK_TREE</c> and
/// <c>GIT_INDEX_FILE</c>. They must not make it diff another repository than the one its folder is in.
/// </summary>
public class GitEnvironmentTests
{
    private const string Secret = "sk-git-environment-0123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VariablesThatPointGitElsewhereAreIgnoredAndTheWorkspacesOwnDiffIsChecked()
    {
        await using var secoda = await FakeSecodaServer.StartAsync(Secret, cancellationToken: Ct);
        SecodaTestGraph.Seed(secoda);
        using var workspace = new GitRepo();
        workspace.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              url: {secoda.ApiUrl.AbsoluteUri}
              integration_id: {SecodaTestGraph.Warehouse}
            sql:
              paths: ["warehouse/**/*.sql"]
              dialect: snowflake
            policy:
              on_impact: fail
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
            """);
        workspace.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id, 2 as amount;\n");
        workspace.Commit("base");
        workspace.Git("checkout", "-q", "-b", "pr");
        workspace.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        workspace.Commit("drop amount");

        // Another repository with a main branch and nothing changed on it: diffed by mistake, it says "no models".
        using var other = new GitRepo();
        other.Write("README.md", "other\n");
        other.Commit("only commit");

        var environment = new Dictionary<string, string?>
        {
            ["SECODA_API_TOKEN"] = Secret,
            ["GIT_DIR"] = Path.Combine(other.Path, ".git"),
            ["GIT_WORK_TREE"] = other.Path,
            ["GIT_INDEX_FILE"] = Path.Combine(other.Path, ".git", "index"),
        };

        var run = await BuiltCli.RunAsync(workspace.Path, environment, "check", "--base", "main", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        Assert.Contains("warehouse/orders.sql", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("README.md", run.Out, StringComparison.Ordinal);
    }
}
