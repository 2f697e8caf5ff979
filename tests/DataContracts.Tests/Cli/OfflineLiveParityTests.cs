using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Cli;

/// <summary>The same case answered from the snapshot file and from the fake Secoda over HTTP gives the same report.</summary>
public class OfflineLiveParityTests
{
    [Theory]
    [InlineData("M\tmodels/staging/stg_payments.sql\nM\tmodels/customers.sql\n", ExitCodes.Success)]
    [InlineData("M\tmodels/orders.sql\n", ExitCodes.ContractViolation)]
    [InlineData("D\tmodels/staging/stg_orders.sql\n", ExitCodes.Success)]
    public async Task SnapshotAndLiveCatalogGiveTheSameReport(string changes, int exitCode)
    {
        var ct = TestContext.Current.CancellationToken;
        using var workspace = new SampleWorkspace();
        workspace.Write("changed.txt", changes);
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: ct);
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: false, ct);

        string[] args = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json"];
        var offline = await CliRunner.RunAsync(workspace.Path, null, null, args);
        var live = await CliRunner.RunAsync(
            workspace.Path,
            new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() },
            null,
            args);

        Assert.Equal(exitCode, offline.ExitCode);
        Assert.Equal(exitCode, live.ExitCode);
        Assert.Equal(Comparable(offline.Out), Comparable(live.Out));
        Assert.Contains("\"impacts\"", live.Out, StringComparison.Ordinal);
        var live0 = JsonNode.Parse(live.Out)!;
        Assert.True(live0["stats"]!["apiRequests"]!.GetValue<int>() > 0);
        Assert.Equal(0, JsonNode.Parse(offline.Out)!["stats"]!["apiRequests"]!.GetValue<int>());

        // Each lineage node and each resource is asked for at most once per run.
        var repeated = secoda.Requests.GroupBy(r => r.PathAndQuery).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(repeated);
        Assert.DoesNotContain(secoda.Token, live.All, StringComparison.Ordinal);
    }

    /// <summary>The report without what legitimately differs: where the answers came from, and how long and how many requests it took.</summary>
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
