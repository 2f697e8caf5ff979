using System.Text.Json.Nodes;

namespace DataContracts.Tests.Classification;

/// <summary>
/// Hand-made mutations of a real manifest and catalog pair (Recce's pr2 jaffle_shop, dbt 1.8, duckdb): production
/// is the pair as it is, the change is a copy with one edit of int_customer_orders, in its SQL, its relation
/// and (when given) its catalog columns. Each must get exactly its class, with the evidence named.
/// </summary>
public class MutationTests
{
    private const string Model = "model.jaffle_shop.int_customer_orders";

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", "recce", .. parts]);

    public enum Mutation
    {
        DropColumn,
        Retype,
        RenameThroughAlias,
        AddColumn,
        BodyOnly,
    }

    [Theory]
    [InlineData(Mutation.DropColumn, "breaking", null, "number_of_orders", "removed")]
    [InlineData(Mutation.Retype, "breaking", null, "first_order", "retyped")]
    [InlineData(Mutation.RenameThroughAlias, "breaking", null, null, null)]
    [InlineData(Mutation.AddColumn, "non_breaking", "additive", "order_rows", "added")]
    [InlineData(Mutation.BodyOnly, "non_breaking", "logic", null, null)]
    public async Task WithCatalogsEachMutationGetsItsClass(Mutation mutation, string expected, string? kind, string? column, string? change)
    {
        var result = await RunAsync(mutation, withCatalogs: true);

        Assert.Equal(expected, result["classification"]!.GetValue<string>());
        Assert.Equal("catalog", result["evidence"]!.GetValue<string>());
        Assert.Equal(kind, result["kind"]?.GetValue<string>());
        AssertColumnChange(result, column, change);
    }

    [Theory]
    [InlineData(Mutation.DropColumn, "breaking", null, "number_of_orders", "removed")]
    [InlineData(Mutation.RenameThroughAlias, "breaking", null, null, null)]
    [InlineData(Mutation.AddColumn, "non_breaking", "additive", "order_rows", "added")]
    [InlineData(Mutation.BodyOnly, "non_breaking", "logic", null, null)]
    public async Task WithSqlOnlyTheCasesSqlCanDecideGetTheSameClass(Mutation mutation, string expected, string? kind, string? column, string? change)
    {
        var result = await RunAsync(mutation, withCatalogs: false);

        Assert.Equal(expected, result["classification"]!.GetValue<string>());
        Assert.Equal("sql", result["evidence"]!.GetValue<string>());
        Assert.Equal(kind, result["kind"]?.GetValue<string>());
        AssertColumnChange(result, column, change);
    }

    [Fact]
    public async Task WithSqlOnlyARetypeIsUnknownNeverNonBreaking()
    {
        var result = await RunAsync(Mutation.Retype, withCatalogs: false);

        Assert.Equal("unknown", result["classification"]!.GetValue<string>());
        Assert.Equal("sql", result["evidence"]!.GetValue<string>());
        Assert.Contains(result["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("first_order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BreakingChangeWithConsumersFailsUnderTheDefaultPolicyAndNonBreakingOnlyWarns()
    {
        var (exitBreaking, _) = await RunCheckAsync(Mutation.DropColumn, withCatalogs: true);
        var (exitAdditive, _) = await RunCheckAsync(Mutation.AddColumn, withCatalogs: true);

        Assert.Equal(DataContracts.Diagnostics.ExitCodes.ContractViolation, exitBreaking);
        Assert.Equal(DataContracts.Diagnostics.ExitCodes.Success, exitAdditive);
    }

    private static void AssertColumnChange(JsonNode result, string? column, string? change)
    {
        var changes = result["columnChanges"]!.AsArray();
        if (column is null)
        {
            Assert.Empty(changes);
            return;
        }

        var only = Assert.Single(changes)!;
        Assert.Equal(column, only["column"]!.GetValue<string>());
        Assert.Equal(change, only["change"]!.GetValue<string>());
    }

    private static async Task<JsonNode> RunAsync(Mutation mutation, bool withCatalogs)
    {
        var (_, report) = await RunCheckAsync(mutation, withCatalogs);
        return Assert.Single(report["changes"]!.AsArray(), c => c!["models"]![0]!.GetValue<string>() == Model)!;
    }

    [Theory]
    [InlineData("contracts:\n  - name: customer_orders\n    models: [\"int_customer_orders\"]\n    on_non_breaking: fail\n", Mutation.AddColumn, 1)]
    [InlineData("policy:\n  on_non_breaking: off\n", Mutation.AddColumn, 0)]
    [InlineData("", Mutation.DropColumn, 0)]
    [InlineData("policy:\n  uncontracted: check\n", Mutation.DropColumn, 1)]
    public async Task PolicyPerContractAndForUncontractedModels(string policy, Mutation mutation, int exit)
    {
        var (code, report) = await RunCheckAsync(mutation, withCatalogs: true, policy);

        Assert.Equal(exit, code);
        if (policy.Contains("off", StringComparison.Ordinal))
        {
            Assert.Equal("off", Assert.Single(report["impacts"]!.AsArray())!["verdict"]!.GetValue<string>());
        }
    }

    private const string Contracted = "contracts:\n  - name: customer_orders\n    models: [\"int_customer_orders\"]\n";

    private static async Task<(int Exit, JsonNode Report)> RunCheckAsync(Mutation mutation, bool withCatalogs, string? policy = null)
    {
        using var folder = new TempFolder();
        var manifest = JsonNode.Parse(File.ReadAllText(Fixture("pr2", "manifest.json")))!;
        var catalog = JsonNode.Parse(File.ReadAllText(Fixture("pr2", "catalog.json")))!;
        folder.Write("prod/manifest.json", manifest.ToJsonString());
        var node = manifest["nodes"]![Model]!;
        var columns = catalog["nodes"]![Model]!["columns"]!.AsObject();
        switch (mutation)
        {
            case Mutation.DropColumn:
                EditSql(node, ",\n    count(order_id) as number_of_orders", string.Empty);
                columns.Remove("number_of_orders");
                break;
            case Mutation.Retype:
                EditSql(node, "min(order_date) as first_order", "min(order_date)::timestamp as first_order");
                columns["first_order"]!["type"] = "TIMESTAMP";
                break;
            case Mutation.RenameThroughAlias:
                node["alias"] = "customer_order_summary";
                node["relation_name"] = "\"jaffle_shop\".\"dev\".\"customer_order_summary\"";
                node["unrendered_config"]!["alias"] = "customer_order_summary";
                node["config"]!["alias"] = "customer_order_summary";
                catalog["nodes"]![Model]!["metadata"]!["name"] = "customer_order_summary";
                break;
            case Mutation.AddColumn:
                EditSql(node, "count(order_id) as number_of_orders", "count(order_id) as number_of_orders,\n    count(*) as order_rows");
                columns["order_rows"] = new JsonObject { ["type"] = "BIGINT", ["index"] = 5, ["name"] = "order_rows", ["comment"] = null };
                break;
            case Mutation.BodyOnly:
                EditSql(node, "\n\ngroup by customer_id", "\nwhere order_date is not null\n\ngroup by customer_id");
                break;
        }

        folder.Write("repo/target/manifest.json", manifest.ToJsonString());
        // Production's table is in the catalog (a contracted table it lacks would be an error); its consumers come from dbt.
        folder.Write("repo/snapshot.json", "{\"version\": 1, \"resources\": [{\"id\": \"t-int-customer-orders\", \"title\": \"int_customer_orders\", \"entityType\": \"table\", \"database\": \"jaffle_shop\", \"schema\": \"dev\"}], \"lineage\": []}");
        folder.Write("repo/changed.txt", "M\tmodels/int_customer_orders.sql\n");
        if (withCatalogs)
        {
            File.Copy(Fixture("pr2", "catalog.json"), folder.Combine("prod/catalog.json"));
            folder.Write("repo/target/catalog.json", catalog.ToJsonString());
        }

        folder.Write("repo/datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: target/manifest.json
              state: ../prod
            {(withCatalogs ? "  catalog: target/catalog.json" : string.Empty)}
            """ + "\n" + (policy is null ? Contracted : policy.Contains("on_non_breaking: off", StringComparison.Ordinal) ? policy + Contracted : policy));

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");
        Assert.True(run.ExitCode is 0 or 1, run.All);
        return (run.ExitCode, JsonNode.Parse(run.Out)!);
    }

    private static void EditSql(JsonNode node, string from, string to)
    {
        foreach (var field in new[] { "raw_code", "compiled_code" })
        {
            var text = node[field]!.GetValue<string>();
            Assert.Contains(from, text, StringComparison.Ordinal);
            node[field] = text.Replace(from, to, StringComparison.Ordinal);
        }
    }
}
