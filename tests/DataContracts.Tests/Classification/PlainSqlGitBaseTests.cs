using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Classification;

/// <summary>Plain SQL files (<c>sql:</c>) are classified against the git base: T-SQL with Microsoft's parser, other dialects by their select list.</summary>
public class PlainSqlGitBaseTests
{
    private static GitRepo Repository(string dialect, string file, string text)
    {
        var repo = new GitRepo();
        repo.Write(file, text);
        repo.Write("snapshot.json", """
            {"version": 1, "resources": [
              {"id": "t1", "title": "orders", "entityType": "table", "database": "analytics", "schema": "marts"},
              {"id": "d1", "title": "Revenue", "entityType": "dashboard"}
            ], "lineage": [{"from": "t1", "to": "d1"}]}
            """);
        repo.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: snapshot.json
            sql:
              paths: ["warehouse/*.sql"]
              dialect: {dialect}
              default_database: analytics
            contracts:
              - name: orders
                models: ["{file}"]
            """);
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "change");
        return repo;
    }

    private static async Task<JsonNode> ChangeAsync(GitRepo repo)
    {
        repo.Commit("change");
        var run = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "json");
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, run.All);
        return Assert.Single(JsonNode.Parse(run.Out)!["changes"]!.AsArray())!;
    }

    private const string Table = "CREATE TABLE marts.orders (\n    id INT NOT NULL,\n    status NVARCHAR(20) NOT NULL,\n    amount DECIMAL(18, 2) NULL\n);\n";

    [Fact]
    public async Task TSqlTableColumnRemovedIsBreaking()
    {
        using var repo = Repository("tsql", "warehouse/orders.sql", Table);
        repo.Write("warehouse/orders.sql", Table.Replace("    status NVARCHAR(20) NOT NULL,\n", string.Empty, StringComparison.Ordinal));

        var change = await ChangeAsync(repo);

        Assert.Equal("breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("status", change["columnChanges"]![0]!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task TSqlCommentOnlyIsCosmetic()
    {
        using var repo = Repository("tsql", "warehouse/orders.sql", Table);
        repo.Write("warehouse/orders.sql", "-- the orders mart\n" + Table);

        var change = await ChangeAsync(repo);

        Assert.Equal("cosmetic", change["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task TSqlSyntaxErrorStopsTheRunAtItsFileLineAndColumn()
    {
        using var repo = Repository("tsql", "warehouse/orders.sql", Table);
        repo.Write("warehouse/orders.sql", Table.Replace("NVARCHAR(20) NOT NULL,", "NVARCHAR(20) NOT NULL,,", StringComparison.Ordinal));
        repo.Commit("change");

        var run = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "text");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("warehouse/orders.sql:3:34: error DC5106: warehouse/orders.sql: Incorrect syntax near ','.", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherDialectsCompareTheSelectList()
    {
        const string View = "create or replace view marts.orders as\nselect id, status, amount\nfrom raw.orders;\n";
        using var repo = Repository("snowflake", "warehouse/orders.sql", View);
        repo.Write("warehouse/orders.sql", View.Replace("amount\n", "amount, currency\n", StringComparison.Ordinal));

        var change = await ChangeAsync(repo);

        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("additive", change["kind"]!.GetValue<string>());
        Assert.Equal("sql", change["evidence"]!.GetValue<string>());
    }
}
