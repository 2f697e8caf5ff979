using System.Text.Json.Nodes;
using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Cli;

/// <summary><c>datacontracts snapshot</c> against the fake Secoda, then <c>check</c> offline from what it wrote.</summary>
public class SnapshotCommandTests
{
    [Fact]
    public async Task ASnapshotTakenFromTheLiveCatalogAnswersLikeTheLiveCatalog()
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new SampleWorkspace();
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: ct);
        // Upper-case names, as Snowflake stores them: the lower-case dbt names must still match.
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: true, ct);

        File.Delete(workspace.Combine("secoda-snapshot.json"));
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        var taken = await CliRunner.RunAsync(workspace.Path, live, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "taken.json");

        Assert.Equal(ExitCodes.Success, taken.ExitCode);
        var text = await File.ReadAllTextAsync(workspace.Combine("taken.json"), ct);
        Assert.DoesNotContain(secoda.Token, text, StringComparison.Ordinal);
        var written = (await SnapshotFile.ReadAsync(workspace.Combine("taken.json"), ct)).Snapshot;
        Assert.Contains(written.Resources, r => r.Title == "Finance KPIs");
        Assert.Contains(written.Resources, r => r.Title == "Customer LTV");
        // Every model the contract file maps (the seeds included), not only the two contracted ones.
        Assert.Matches(
            $@"^PASS: snapshot of {written.Resources.Length} resources and {written.Lineage.Length} lineage edges \(\d+ of \d+ mapped tables found\) written to taken\.json",
            taken.Out);

        string[] check = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json"];
        var offline = await CliRunner.RunAsync(workspace.Path, null, null, [.. check, "--catalog-snapshot", "taken.json"]);
        var online = await CliRunner.RunAsync(workspace.Path, live, null, check);

        Assert.Equal(ExitCodes.ContractViolation, online.ExitCode);
        Assert.Equal(online.ExitCode, offline.ExitCode);
        Assert.Equal(Impacts(online.Out), Impacts(offline.Out));
    }

    [Fact]
    public async Task ASnapshotNeedsAToken()
    {
        using var workspace = new SampleWorkspace();

        var run = await CliRunner.RunAsync(workspace.Path, null, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "taken.json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC8002", run.Error, StringComparison.Ordinal);
        Assert.Contains("SECODA_API_TOKEN", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Combine("taken.json")));
    }

    private static string Impacts(string json) => JsonNode.Parse(json)!["impacts"]!.ToJsonString();
}
