using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Classification;

/// <summary>Without production state the git base is the base: a model's own SQL before and after, in a real repository.</summary>
public class GitBaseTests
{
    private const string Orders = "select\n    id,\n    status,\n    amount\nfrom {{ ref('stg_orders') }}\n";

    private static GitRepo Repository()
    {
        var repo = new GitRepo();
        repo.Write("dbt_project.yml", "name: shop\nprofile: shop\nmodel-paths: [\"models\"]\n");
        repo.Write("models/orders.sql", Orders);
        repo.Write("snapshot.json", """
            {"version": 1, "resources": [
              {"id": "t1", "title": "orders", "entityType": "table", "database": "analytics", "schema": "shop"},
              {"id": "d1", "title": "Revenue", "entityType": "dashboard"}
            ], "lineage": [{"from": "t1", "to": "d1"}]}
            """);
        repo.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: .
            contracts:
              - name: orders
                models: ["models/orders.sql"]
            """);
        repo.Commit("base");
        return repo;
    }

    [Fact]
    public async Task AnAddedColumnIsAdditiveAndOnlyWarns()
    {
        using var repo = Repository();
        repo.Git("checkout", "-q", "-b", "add");
        repo.Write("models/orders.sql", Orders.Replace("    amount\n", "    amount,\n    currency\n", StringComparison.Ordinal));
        repo.Commit("add currency");

        var run = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var change = Assert.Single(JsonNode.Parse(run.Out)!["changes"]!.AsArray())!;
        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("additive", change["kind"]!.GetValue<string>());
        Assert.Equal("sql", change["evidence"]!.GetValue<string>());
        Assert.Equal("currency", change["columnChanges"]![0]!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADroppedColumnIsBreakingAndFails()
    {
        using var repo = Repository();
        repo.Git("checkout", "-q", "-b", "drop");
        repo.Write("models/orders.sql", Orders.Replace("    status,\n", string.Empty, StringComparison.Ordinal));
        repo.Commit("drop status");

        var run = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.StartsWith("FAIL: 1 breaking, 0 non-breaking change; 1 distinct consumer; evidence: sql", run.Out, StringComparison.Ordinal);
        Assert.Contains("removed status", run.Out, StringComparison.Ordinal);
        Assert.Contains("Revenue", run.Out, StringComparison.Ordinal);
    }
}
