using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.GitHub;
using DataContracts.Hosting;

namespace DataContracts.Tests.Classification;

/// <summary>
/// Real pull requests with production state: HubSpot #198 and #201 (fivetran/dbt_hubspot, each commit's docs
/// manifest and catalog) and Recce's base→pr2 pair, compiled to a dev schema while the catalog holds production.
/// </summary>
public class ProductionStateTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", .. parts]);

    private const string EmptySnapshot = "{\"version\": 1, \"resources\": [], \"lineage\": []}";

    /// <summary>The head commit's tree with its docs artifacts, and the base commit's docs folder as production state.</summary>
    private static TempFolder HubSpot(string baseCommit, string headCommit, string contracts)
    {
        var folder = new TempFolder();
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@" + headCommit), folder.Combine("repo"));
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@" + baseCommit, "docs"), folder.Combine("prod"));
        folder.Write("repo/datacontracts.yml", contracts);
        folder.Write("repo/snapshot.json", EmptySnapshot);
        return folder;
    }

    /// <summary>
    /// The contract file for a HubSpot commit: one contract, the docs artifacts, and production state when asked.
    /// The catalog is empty on purpose (consumers come from dbt's own lineage), so a contracted table missing from
    /// it is a warning here rather than the default error.
    /// </summary>
    private static string HubSpotContracts(string models = "\"models/staging/**/*.sql\"", bool withState = true) => $"""
        version: 1
        secoda:
          snapshot: snapshot.json
        dbt:
          project_dir: integration_tests
          manifest: docs/manifest.json
        {(withState ? "  catalog: docs/catalog.json\n  state: ../prod" : string.Empty)}
        policy:
          on_catalog_error: warn
        contracts:
          - name: hubspot
            models: [{models}]
        """;

    [Fact]
    public async Task HubSpotPullRequest201IsPurelyAdditiveAndPassesUnderTheDefaults()
    {
        using var folder = HubSpot("38114c72a027", "be3a903c24d8", HubSpotContracts());

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null,
            "check", "--changed-files", Fixture("fivetran_hubspot", "diff_38114c72a027..be3a903c24d8.txt"), "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        DataContracts.Tests.Reports.ReportRenderingTests.AssertMatchesSchema(run.Out);
        var report = JsonNode.Parse(run.Out)!;
        var changes = report["changes"]!.AsArray().Select(c => c!).ToArray();
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal("non_breaking", c["classification"]!.GetValue<string>()));
        Assert.All(changes, c => Assert.Equal("catalog", c["evidence"]!.GetValue<string>()));

        // Nothing removed or retyped anywhere; the one column change is _dbt_source_relation, added to 56 models.
        var columnChanges = changes.SelectMany(c => c["columnChanges"]!.AsArray().Select(cc => (Column: cc!["column"]!.GetValue<string>(), Change: cc["change"]!.GetValue<string>()))).Distinct().ToArray();
        Assert.Equal([("_dbt_source_relation", "added")], columnChanges);
        var additive = changes.Where(c => c["kind"]!.GetValue<string>() == "additive").SelectMany(c => c["models"]!.AsArray().Select(m => m!.GetValue<string>())).Distinct().Count();
        Assert.Equal(56, additive);

        // The ephemeral model has no relation: it is classified through hubspot__contacts, which is built from it.
        var ephemeral = changes.First(c => c["models"]![0]!.GetValue<string>() == "model.hubspot.int_hubspot__form_metrics__by_contact" && c["file"]!.GetValue<string>().StartsWith("models/", StringComparison.Ordinal));
        Assert.StartsWith("ephemeral: classified through hubspot__contacts", ephemeral["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("logic", ephemeral["kind"]!.GetValue<string>());
        Assert.NotEmpty(report["impacts"]!.AsArray());
        Assert.All(report["impacts"]!.AsArray(), i => Assert.Equal("non_breaking", i!["classification"]!.GetValue<string>()));
        Assert.DoesNotContain(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() is "DC1001" or "DC1002");
        Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1020");
    }

    [Fact]
    public async Task HubSpotPullRequest201FitsInOneCommentWithoutCutting()
    {
        using var folder = HubSpot("38114c72a027", "be3a903c24d8", HubSpotContracts());
        var request = new CheckRequest
        {
            WorkingDirectory = folder.Combine("repo"),
            ChangedFilesPath = Fixture("fivetran_hubspot", "diff_38114c72a027..be3a903c24d8.txt"),
            Environment = DictionaryEnvironment.Empty,
            Today = new DateOnly(2026, 11, 28),
        };

        var result = await Checker.CheckAsync(request, TestContext.Current.CancellationToken);
        var comment = StickyComment.RenderReport(result, new CommentOptions());

        Assert.Equal(CheckOutcome.Warn, result.Outcome);
        Assert.True(comment.Length <= CommentOptions.GitHubMaxLength, $"{comment.Length} characters");
        Assert.DoesNotContain("shortened to fit", comment, StringComparison.Ordinal);
        Assert.Contains("0 breaking", comment, StringComparison.Ordinal);
        Assert.Contains("evidence: catalog", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubSpotPullRequest198CastToTheSameTypeIsNonBreaking()
    {
        using var folder = HubSpot("792b8ff0a823", "38114c72a027", HubSpotContracts("stg_hubspot__contact"));

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null,
            "check", "--changed-files", Fixture("fivetran_hubspot", "diff_792b8ff0a823..38114c72a027.txt"), "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("catalog", change["evidence"]!.GetValue<string>());
        Assert.Empty(change["columnChanges"]!.AsArray());

        // merged_object_ids was text and is cast to text: the reason names the column, and nothing changes.
        Assert.Equal("cosmetic", change["kind"]!.GetValue<string>());
        Assert.Equal(["column merged_object_ids: cast to text, the type it already has (in production and here): values unchanged"],
            change["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var impact = Assert.Single(report["impacts"]!.AsArray())!;
        Assert.Equal("warn", impact["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task HubSpotPullRequest198WithoutStateKeepsPartOnesVerdict()
    {
        using var folder = HubSpot("792b8ff0a823", "38114c72a027", HubSpotContracts("stg_hubspot__contact", withState: false));

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null,
            "check", "--changed-files", Fixture("fivetran_hubspot", "diff_792b8ff0a823..38114c72a027.txt"), "--format", "json");

        // No state, no git base: nothing to compare with, so the change is unknown and on_impact (fail) applies as in part one.
        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var change = Assert.Single(JsonNode.Parse(run.Out)!["changes"]!.AsArray())!;
        Assert.Equal("unknown", change["classification"]!.GetValue<string>());
        Assert.Equal("none", change["evidence"]!.GetValue<string>());
    }

    /// <summary>Production as the catalog knows it: jaffle_shop.prod tables and eight BI consumers downstream of customers.</summary>
    private const string RecceProductionSnapshot = """
        {"version": 1, "resources": [
          {"id": "t-customers", "title": "customers", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
          {"id": "t-segments", "title": "customer_segments", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
          {"id": "t-pattern", "title": "customer_order_pattern", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
          {"id": "t-orders", "title": "orders", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
          {"id": "b1", "title": "Customer 360", "entityType": "dashboard"},
          {"id": "b2", "title": "Customer lifetime value", "entityType": "chart"},
          {"id": "b3", "title": "Churn review", "entityType": "dashboard"},
          {"id": "b4", "title": "Segment sizes", "entityType": "chart"},
          {"id": "b5", "title": "Marketing segments", "entityType": "dashboard"},
          {"id": "b6", "title": "CRM segment sync", "entityType": "job"},
          {"id": "b7", "title": "Order cadence", "entityType": "chart"},
          {"id": "b8", "title": "Retention", "entityType": "dashboard"},
          {"id": "b9", "title": "Revenue", "entityType": "dashboard"}
        ], "lineage": [
          {"from": "t-customers", "to": "t-segments"}, {"from": "t-customers", "to": "t-pattern"},
          {"from": "t-customers", "to": "b1"}, {"from": "t-customers", "to": "b2"}, {"from": "t-customers", "to": "b3"},
          {"from": "t-segments", "to": "b4"}, {"from": "t-segments", "to": "b5"}, {"from": "t-segments", "to": "b6"},
          {"from": "t-pattern", "to": "b7"}, {"from": "t-pattern", "to": "b8"}, {"from": "t-orders", "to": "b9"}
        ]}
        """;

    private static TempFolder Recce(bool withState)
    {
        var folder = new TempFolder();
        folder.Write("repo/target/manifest.json", File.ReadAllText(Fixture("recce", "pr2", "manifest.json")));
        folder.Write("repo/target/catalog.json", File.ReadAllText(Fixture("recce", "pr2", "catalog.json")));
        folder.Write("prod/manifest.json", File.ReadAllText(Fixture("recce", "base", "manifest.json")));
        folder.Write("prod/catalog.json", File.ReadAllText(Fixture("recce", "base", "catalog.json")));
        folder.Write("repo/snapshot.json", RecceProductionSnapshot);
        folder.Write("repo/changed.txt", "M\tmodels/customers.sql\nA\tmodels/int_customer_orders.sql\nA\tmodels/int_customer_payments.sql\n");
        folder.Write("repo/datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: target/manifest.json
              catalog: target/catalog.json
            {(withState ? "  state: ../prod" : string.Empty)}
            contracts:
              - name: customers
                models: ["customers"]
            """);
        return folder;
    }

    [Fact]
    public async Task RecceSplitOfCustomersIsNonBreakingAndFindsTheBiConsumersThroughProduction()
    {
        using var folder = Recce(withState: true);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        var byModel = report["changes"]!.AsArray().ToDictionary(c => c!["models"]![0]!.GetValue<string>(), c => c!);
        Assert.Equal("non_breaking", byModel["model.jaffle_shop.customers"]["classification"]!.GetValue<string>());
        Assert.Equal("catalog", byModel["model.jaffle_shop.customers"]["evidence"]!.GetValue<string>());
        Assert.Empty(byModel["model.jaffle_shop.customers"]["columnChanges"]!.AsArray());
        // The production relation, not the dev schema this manifest was compiled to.
        Assert.Equal("jaffle_shop.prod.customers", byModel["model.jaffle_shop.customers"]["table"]!.GetValue<string>());
        foreach (var added in new[] { "model.jaffle_shop.int_customer_orders", "model.jaffle_shop.int_customer_payments" })
        {
            Assert.Equal("non_breaking", byModel[added]["classification"]!.GetValue<string>());
            Assert.Equal("new", byModel[added]["kind"]!.GetValue<string>());
        }

        var customers = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["table"]!.GetValue<string>() == "jaffle_shop.prod.customers")!;
        Assert.Equal("warn", customers["verdict"]!.GetValue<string>());
        var bi = customers["downstream"]!.AsArray().Where(d => d!["type"]!.GetValue<string>() is "dashboard" or "chart" or "job").Select(d => d!["title"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["CRM segment sync", "Churn review", "Customer 360", "Customer lifetime value", "Marketing segments", "Order cadence", "Retention", "Segment sizes"], bi);
    }

    [Fact]
    public async Task RecceWithoutStateMissesProductionAndSaysSo()
    {
        using var folder = Recce(withState: false);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        var downstream = report["impacts"]!.AsArray().SelectMany(i => i!["downstream"]!.AsArray()).ToList();
        Assert.NotEmpty(downstream);
        Assert.DoesNotContain(downstream, d => d!["type"]!.GetValue<string>() == "dashboard");
        Assert.Contains(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1006" && d["message"]!.GetValue<string>().Contains("jaffle_shop.dev.customers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StateThatPointsAtNothingIsAWarningAndEveryChangeIsUnknown()
    {
        using var folder = Recce(withState: true);
        Directory.Delete(folder.Combine("prod"), recursive: true);

        var check = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");
        var validate = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "validate", "--format", "json");

        var report = JsonNode.Parse(check.Out)!;
        Assert.Contains(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC4040");
        Assert.NotEmpty(report["changes"]!.AsArray());
        Assert.All(report["changes"]!.AsArray(), c => Assert.Equal("unknown", c!["classification"]!.GetValue<string>()));
        Assert.Equal(ExitCodes.Success, validate.ExitCode);
        var lint = JsonNode.Parse(validate.Out)!;
        Assert.Equal("warn", lint["result"]!.GetValue<string>());
        var warning = Assert.Single(lint["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC4040")!;
        Assert.Equal("datacontracts.yml", warning["file"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingStateFolderMakesEveryChangeUnknownEvenWithAGitBase()
    {
        // A comment-only edit the git base alone would call cosmetic: with production's state configured but
        // missing, the check does not fall back to the git base without saying so; it says unknown, as DC4040 does.
        using var folder = new TempFolder();
        var repo = folder.Combine("repo");
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), repo);
        var contract = Path.Combine(repo, "datacontracts.yml");
        var text = File.ReadAllText(contract).ReplaceLineEndings("\n");
        Assert.Contains("  manifest: target/manifest.json\n", text, StringComparison.Ordinal);
        File.WriteAllText(contract, text.Replace("  manifest: target/manifest.json\n", "  manifest: target/manifest.json\n  state: prod-artifacts\n", StringComparison.Ordinal));
        GitRepo.Init(repo);
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "base");
        GitRepo.Run(repo, "checkout", "-q", "-b", "pr");
        File.AppendAllText(Path.Combine(repo, "models", "orders.sql"), "\n-- a comment\n");
        GitRepo.Run(repo, "commit", "-q", "-am", "comment");

        var run = await CliRunner.RunAsync(repo, null, null, "check", "--base", "main", "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        Assert.Contains(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC4040");
        var change = Assert.Single(report["changes"]!.AsArray(), c => c!["file"]!.GetValue<string>() == "models/orders.sql")!;
        Assert.Equal("unknown", change["classification"]!.GetValue<string>());
        Assert.Contains("production state", change["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImpactLooksTargetsUpUnderTheirProductionRelation()
    {
        using var folder = Recce(withState: true);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "impact", "customers", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var impact = Assert.Single(JsonNode.Parse(run.Out)!["impacts"]!.AsArray())!;
        Assert.Equal("jaffle_shop.prod.customers", impact["source"]!["table"]!.GetValue<string>());
        Assert.Contains(impact["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == "Customer 360");
    }
}
