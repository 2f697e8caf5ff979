using System.Text.Json.Nodes;
using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Cli;

/// <summary>
/// Defaults a dbt user expects (issue 21, item 4): the manifest dbt writes is found without configuration, and a
/// snapshot holds every model a check can ask about, so offline answers equal live ones.
/// </summary>
public class CiDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Check = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json"];

    [Fact]
    public async Task TargetManifestBesideDbtProjectIsUsedWhenNoneIsNamedAndTheReportSaysSo()
    {
        using var workspace = new SampleWorkspace();
        WithoutManifestKey(workspace);

        var json = await CliRunner.RunAsync(workspace.Path, null, null, Check);
        var text = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check[..^2], "--format", "text"]);

        Assert.Equal(ExitCodes.ContractViolation, json.ExitCode);
        var report = JsonNode.Parse(json.Out)!;
        Assert.Equal("target/manifest.json", (string?)report["artifacts"]!["manifest"]);
        Assert.Equal("found", (string?)report["artifacts"]!["manifestFrom"]);
        Assert.DoesNotContain("DC4020", json.Out, StringComparison.Ordinal);
        Assert.Contains("model.jaffle_shop.orders", json.Out, StringComparison.Ordinal);
        Assert.Contains("dbt: manifest target/manifest.json (found beside dbt_project.yml", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTargetManifestTheMappingStaysApproximateAndSaysSo()
    {
        using var workspace = new SampleWorkspace();
        WithoutManifestKey(workspace);
        File.Delete(workspace.Combine("target/manifest.json"));

        var run = await CliRunner.RunAsync(workspace.Path, null, null, Check);

        var report = JsonNode.Parse(run.Out)!;
        Assert.Contains("DC4020", run.Out, StringComparison.Ordinal);
        Assert.Null(report["artifacts"]);
    }

    [Fact]
    public async Task ANamedManifestIsReportedAsNamed()
    {
        using var workspace = new SampleWorkspace();

        var run = await CliRunner.RunAsync(workspace.Path, null, null, Check);

        Assert.Equal("contract_file", (string?)JsonNode.Parse(run.Out)!["artifacts"]!["manifestFrom"]);
    }

    [Fact]
    public async Task TheDefaultSnapshotHoldsUncontractedModelsSoOfflineEqualsLive()
    {
        using var workspace = new SampleWorkspace();
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: false, Ct);
        File.Delete(workspace.Combine("secoda-snapshot.json"));
        // The policy default: uncontracted models are checked and warn. stg_payments is under no contract.
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("  uncontracted: check\n", string.Empty, StringComparison.Ordinal));
        workspace.Write("changed.txt", "M\tmodels/staging/stg_payments.sql\n");
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        var taken = await CliRunner.RunAsync(workspace.Path, live, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "mapped.json");
        var narrow = await CliRunner.RunAsync(workspace.Path, live, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "contracted.json", "--contracted-only");
        var online = await CliRunner.RunAsync(workspace.Path, live, null, Check);
        var offline = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--catalog-snapshot", "mapped.json"]);
        var offlineNarrow = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--catalog-snapshot", "contracted.json"]);

        Assert.True(taken.ExitCode == ExitCodes.Success, taken.All);
        Assert.True(narrow.ExitCode == ExitCodes.Success, narrow.All);
        var mapped = (await SnapshotFile.ReadAsync(workspace.Combine("mapped.json"), Ct)).Snapshot;
        var contracted = (await SnapshotFile.ReadAsync(workspace.Combine("contracted.json"), Ct)).Snapshot;
        Assert.Contains(mapped.Resources, r => r.Title.Equals("stg_payments", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(contracted.Resources, r => r.Title.Equals("stg_payments", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(online.ExitCode, offline.ExitCode);
        Assert.Equal(Comparable(online.Out), Comparable(offline.Out));
        Assert.DoesNotContain("DC1006", offline.Out, StringComparison.Ordinal);
        // The old behaviour, kept behind --contracted-only: the uncontracted model is unknown offline.
        Assert.Contains("DC1006", offlineNarrow.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllAndContractedOnlyCannotBeCombined()
    {
        using var workspace = new SampleWorkspace();

        var run = await CliRunner.RunAsync(workspace.Path, null, null, "snapshot", "--output", "x.json", "--all", "--contracted-only");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--contracted-only", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Combine("x.json")));
    }

    private static void WithoutManifestKey(SampleWorkspace workspace) =>
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("  manifest: target/manifest.json\n", string.Empty, StringComparison.Ordinal));

    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("catalog");
        var stats = node["stats"]!.AsObject();
        stats.Remove("apiRequests");
        stats.Remove("elapsedMs");
        return node.ToJsonString();
    }
}
