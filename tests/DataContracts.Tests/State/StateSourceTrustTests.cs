using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.State;

/// <summary>In CI a fetched state follows the rule of secoda.url: the pull request cannot choose where a token goes.</summary>
public class StateSourceTrustTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Contracts = """
        version: 1
        secoda:
          snapshot: snapshot.json
        dbt:
          manifest: target/manifest.json
        {0}
        contracts:
          - name: orders
            models: ["models/orders.sql"]
        """;

    [Fact]
    public async Task APullRequestThatAddsAStateSourceFetchesNothingInCi()
    {
        using var repo = new GitRepo();
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), repo.Path);
        repo.Write("snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        repo.Write("datacontracts.yml", string.Format(System.Globalization.CultureInfo.InvariantCulture, Contracts, string.Empty));
        var baseCommit = repo.Commit("base");
        repo.Write("datacontracts.yml", string.Format(System.Globalization.CultureInfo.InvariantCulture, Contracts, "  state: dbt-cloud:1/2\n  state_token_env: SECODA_API_TOKEN"));
        repo.Write("models/orders.sql", File.ReadAllText(Path.Combine(repo.Path, "models", "orders.sql")) + "\n-- touched\n");
        repo.Commit("head");
        await using var cloud = await FakeDbtCloudServer.StartAsync(cancellationToken: Ct);
        var environment = new Dictionary<string, string?>
        {
            ["CI"] = "true",
            ["DBT_CLOUD_API_URL"] = cloud.BaseUrl.AbsoluteUri,
            ["SECODA_API_TOKEN"] = "secoda-key-that-must-stay-home",
        };

        var run = await CliRunner.RunAsync(repo.Path, environment, null, "check", "--base", baseCommit, "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC4101", run.Out, StringComparison.Ordinal);
        Assert.Empty(cloud.Requests);
        Assert.DoesNotContain("secoda-key-that-must-stay-home", run.All, StringComparison.Ordinal);

        // Locally (no CI) the working copy's file is the user's own and is followed, as for secoda.url.
        environment.Remove("CI");
        await CliRunner.RunAsync(repo.Path, environment, null, "check", "--base", baseCommit, "--format", "json");

        Assert.NotEmpty(cloud.Requests);
    }
}
