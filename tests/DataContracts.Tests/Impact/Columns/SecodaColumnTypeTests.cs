using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// Secoda's column types as evidence: production's dbt state has no catalog.json, so the only record of
/// production's column types is the catalog's column resources (Secoda's <c>type</c> on a column, the snapshot's
/// <c>dataType</c>). The change turns stg_orders.status from VARCHAR into INTEGER in the head catalog only; the
/// classification finds the retype from Secoda's types, and column-level impact follows status as for a drop.
/// </summary>
public class SecodaColumnTypeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARetypeIsFoundFromSecodasColumnTypesLiveAndOffline()
    {
        using var folder = new TempFolder();
        var pr2 = Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "recce", "pr2");
        var manifest = File.ReadAllText(Path.Combine(pr2, "manifest.json"));
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(pr2, "catalog.json")))!;
        folder.Write("prod/manifest.json", manifest);
        folder.Write("repo/snapshot.json", NameDerivedColumnLineage.Snapshot(JsonNode.Parse(manifest)!, catalog, withTypes: true).ToJsonString());
        var status = catalog["nodes"]!["model.jaffle_shop.stg_orders"]!["columns"]!["status"]!;
        Assert.Equal("VARCHAR", status["type"]!.GetValue<string>());
        status["type"] = "INTEGER";
        folder.Write("repo/target/manifest.json", manifest);
        folder.Write("repo/target/catalog.json", catalog.ToJsonString());
        folder.Write("repo/changed.txt", "M\tmodels/staging/stg_orders.sql\n");
        NameDerivedColumnLineage.WriteContractFile(folder, "orders", "stg_orders");
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(Path.Combine(folder.Path, "repo", "snapshot.json"), upperCaseTables: false, Ct);
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        foreach (var environment in new[] { live, null })
        {
            var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), environment, null, "check", "--changed-files", "changed.txt", "--format", "json");

            Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
            var report = JsonNode.Parse(run.Out)!;
            var change = Assert.Single(report["changes"]!.AsArray())!;
            Assert.Equal("breaking", change["classification"]!.GetValue<string>());
            Assert.Equal("secoda", change["evidence"]!.GetValue<string>());
            var retype = Assert.Single(change["columnChanges"]!.AsArray())!;
            Assert.Equal(("status", "retyped", "VARCHAR", "INTEGER"), (
                retype["column"]!.GetValue<string>(), retype["change"]!.GetValue<string>(), retype["before"]!.GetValue<string>(), retype["after"]!.GetValue<string>()));
            var impact = Assert.Single(report["impacts"]!.AsArray())!;
            var breaks = impact["downstream"]!.AsArray().ToDictionary(d => d!["title"]!.GetValue<string>(), d => d!["breaks"]?.GetValue<bool>());
            Assert.True(breaks["orders"]);
            Assert.False(breaks["int_customer_orders"]);
        }
    }
}
