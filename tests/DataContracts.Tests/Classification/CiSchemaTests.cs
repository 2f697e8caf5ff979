using System.Text.Json.Nodes;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Hosting;
using DataContracts.Mapping;
using DataContracts.Mapping.Sql;

namespace DataContracts.Tests.Classification;

/// <summary>
/// Environment-neutral comparison: Recce's pr2 manifest is compiled into a <c>dev</c> schema while production
/// (the base manifest) is <c>prod</c>, the CI setup the docs describe. A change that differs from production only
/// by that schema is cosmetic; a <c>from</c> that moves to another production table is still logic.
/// </summary>
public class CiSchemaTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", .. parts]);

    private const string Segments = "model.jaffle_shop.customer_segments";

    /// <summary>The pr2 (dev schema) manifest with customer_segments edited by <paramref name="edit"/>, checked against production.</summary>
    private static async Task<JsonNode> ClassifySegmentsAsync(Action<JsonObject> edit)
    {
        using var folder = new TempFolder();
        var manifest = JsonNode.Parse(File.ReadAllText(Fixture("recce", "pr2", "manifest.json")))!;
        edit(manifest["nodes"]![Segments]!.AsObject());
        folder.Write("repo/target/manifest.json", manifest.ToJsonString());
        folder.Write("repo/target/catalog.json", File.ReadAllText(Fixture("recce", "pr2", "catalog.json")));
        folder.Write("prod/manifest.json", File.ReadAllText(Fixture("recce", "base", "manifest.json")));
        folder.Write("prod/catalog.json", File.ReadAllText(Fixture("recce", "base", "catalog.json")));
        folder.Write("repo/snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        folder.Write("repo/changed.txt", "M\tmodels/customer_segments.sql\n");
        folder.Write("repo/datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: target/manifest.json
              catalog: target/catalog.json
              state: ../prod
            policy:
              on_catalog_error: warn
            contracts:
              - name: segments
                models: ["customer_segments"]
            """);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        Assert.NotEqual(ExitCodes.InvalidInput, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        return Assert.Single(report["changes"]!.AsArray(), c => c!["models"]![0]!.GetValue<string>() == Segments)!;
    }

    private static void EditSql(JsonObject node, Func<string, string> edit)
    {
        node["raw_code"] = edit(node["raw_code"]!.GetValue<string>());
        node["compiled_code"] = edit(node["compiled_code"]!.GetValue<string>());
        node["checksum"]!["checksum"] = "edited-" + node["checksum"]!["checksum"]!.GetValue<string>();
    }

    private static (string Kind, string[] Reasons) KindOf(JsonNode change)
    {
        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        return (change["kind"]!.GetValue<string>(), [.. change["reasons"]!.AsArray().Select(r => r!.GetValue<string>())]);
    }

    [Fact]
    public async Task ACommentEditInACiSchemaIsCosmetic()
    {
        var change = await ClassifySegmentsAsync(n => EditSql(n, sql => "-- Segments feed the CRM sync; keep the thresholds in step with marketing.\n" + sql));

        var (kind, reasons) = KindOf(change);
        Assert.Equal("cosmetic", kind);
        Assert.Contains("formatting or comments only", reasons);
    }

    [Fact]
    public async Task AWhitespaceEditInACiSchemaIsCosmetic()
    {
        var change = await ClassifySegmentsAsync(n => EditSql(n, sql => sql.Replace("\n    ", "\n        ", StringComparison.Ordinal).Replace("FROM ", "FROM\n    ", StringComparison.Ordinal)));

        Assert.Equal("cosmetic", KindOf(change).Kind);
    }

    [Fact]
    public async Task AConfigOnlyEditInACiSchemaIsCosmetic()
    {
        var change = await ClassifySegmentsAsync(n =>
        {
            n["config"]!["tags"] = new JsonArray("crm");
            n["tags"] = new JsonArray("crm");
            n["description"] = "Customer segments for the CRM sync.";
        });

        var (kind, reasons) = KindOf(change);
        Assert.Equal("cosmetic", kind);
        Assert.Contains("same SQL: config, docs or tests only", reasons);
    }

    [Fact]
    public async Task AFromThatMovesToAnotherProductionTableIsStillLogic()
    {
        var change = await ClassifySegmentsAsync(n => EditSql(n, sql => sql.Replace("\"dev\".\"customers\"", "\"dev\".\"customer_order_pattern\"", StringComparison.Ordinal)));

        var (kind, reasons) = KindOf(change);
        Assert.Equal("logic", kind);
        Assert.Contains(reasons, r => r.Contains("from", StringComparison.Ordinal));
    }

    [Fact]
    public void RewriteKeepsQuotingAndLeavesUnknownAndPartialNamesAlone()
    {
        var names = new RelationNames([KeyValuePair.Create(new TableName("db", "ci_42", "orders"), new TableName("db", "prod", "orders"))]);

        Assert.Equal("select * from \"db\".\"prod\".\"orders\" o", names.Rewrite("select * from \"db\".\"ci_42\".\"orders\" o", SqlDialect.Postgres));
        Assert.Equal("select * from prod.orders join ci_42.customers", names.Rewrite("select * from ci_42.orders join ci_42.customers", SqlDialect.Postgres));
        Assert.Equal("select orders.id from orders", names.Rewrite("select orders.id from orders", SqlDialect.Postgres));
        Assert.Equal("select * from `db.prod.orders`", names.Rewrite("select * from `db.ci_42.orders`", SqlDialect.BigQuery));
        Assert.Equal("select '\"db\".\"ci_42\".\"orders\"'", names.Rewrite("select '\"db\".\"ci_42\".\"orders\"'", SqlDialect.Postgres));
    }
}
