using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary>The command line against real dbt artifacts nobody here wrote (fixtures/dbt, licences in its SOURCES.md).</summary>
public class RealArtifactTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", .. parts]);

    private const string EmptySnapshot = "{\"version\": 1, \"resources\": [], \"lineage\": []}";

    [Theory]
    [InlineData(4, "jerco", "dbt_jcohen")]
    [InlineData(5, "jerco", "dbt_jcohen")]
    [InlineData(6, "jerco", "dbt_jcohen")]
    [InlineData(7, "dbt", "test16763240740000063267_test_previous_version_state")]
    [InlineData(8, "dbt", "test16763222812618906995_test_previous_version_state")]
    [InlineData(9, "dbt", "test16810952296205305560_test_previous_version_state")]
    [InlineData(10, "dbt", "test16970573770617803847_test_previous_version_state")]
    [InlineData(11, "dbt", "test17066140326720908695_test_previous_version_state")]
    [InlineData(12, "dbt", "test17594237163467600387_test_previous_version_state")]
    public async Task EveryManifestVersionFromV4ToV12LoadsAndMapsItsModel(int version, string database, string schema)
    {
        using var folder = new TempFolder();
        folder.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: {Fixture("dbt-core", "state", "v" + version, "manifest.json")}
            contracts:
              - name: my_model
                models: ["my_model"]
            """);
        folder.Write("snapshot.json", EmptySnapshot);
        folder.Write("changed.txt", "models/my_model.sql\n");
        folder.Write("models/my_model.sql", "select 1 as id\n");

        var run = await CliRunner.RunAsync(folder.Path, null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("model.test.my_model", change["models"]![0]!.GetValue<string>());
        Assert.Equal($"{database}.{schema}.my_model", change["table"]!.GetValue<string>());
        Assert.Equal("my_model", change["contract"]!.GetValue<string>());
        // dbt's own lineage has a metric (and from v7 an exposure) downstream of my_model: under contract, that blocks.
        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Contains(report["impacts"]![0]!["downstream"]!.AsArray(), d => d!["type"]!.GetValue<string>() == "metric");
    }

    [Fact]
    public async Task HubSpotPullRequest201MapsEveryChangedModelAndMacroFile()
    {
        using var folder = new TempFolder();
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@be3a903c24d8"), folder.Path);
        folder.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: integration_tests
              manifest: docs/manifest.json
            policy:
              on_impact: warn
              # The catalog here is empty on purpose (this test is about mapping): contracted tables it does
              # not know would otherwise fail the check (DC1006).
              on_catalog_error: warn
            contracts:
              - name: hubspot_staging
                models: ["models/staging/**/*.sql"]
                on_impact: warn
            """);
        folder.Write("snapshot.json", EmptySnapshot);
        var diff = Fixture("fivetran_hubspot", "diff_38114c72a027..be3a903c24d8.txt");

        var run = await CliRunner.RunAsync(folder.Path, null, null,
            "check", "--changed-files", diff, "--base-manifest", Fixture("fivetran_hubspot", "@38114c72a027", "docs", "manifest.json"), "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var changes = JsonNode.Parse(run.Out)!["changes"]!.AsArray().Select(c => c!).ToArray();
        var byFile = changes.GroupBy(c => c["file"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToArray());
        var lines = File.ReadAllLines(diff).Select(l => l.Split('\t')).ToArray();
        var modelFiles = lines.Where(l => l[1].StartsWith("models/", StringComparison.Ordinal) && l[1].EndsWith(".sql", StringComparison.Ordinal)).Select(l => l[1]).ToArray();
        Assert.Equal(120, modelFiles.Length);
        foreach (var file in modelFiles)
        {
            Assert.True(byFile.ContainsKey(file), $"{file} was not mapped");
            var expected = file.StartsWith("models/staging/", StringComparison.Ordinal) ? "hubspot_staging" : null;
            Assert.All(byFile[file], c => Assert.Equal(expected, c["contract"]?.GetValue<string>()));
        }

        // The edited macro reaches the model that uses it; the deleted union macros reach their users through the base manifest.
        Assert.Contains(byFile["macros/staging/get_email_event_sent_columns.sql"], c => c["models"]![0]!.GetValue<string>() == "model.hubspot.stg_hubspot__email_event_sent");
        var deletedMacros = lines.Where(l => l[0] == "D" && l[1].StartsWith("macros/union/", StringComparison.Ordinal)).Select(l => l[1]).ToList();
        Assert.NotEmpty(deletedMacros);
        foreach (var deleted in deletedMacros)
        {
            Assert.True(byFile.ContainsKey(deleted), $"{deleted} reached no model");
            Assert.All(byFile[deleted], c => Assert.Equal("deleted", c["status"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task HubSpotPullRequest198MapsItsOneModelAndFlagsTheProjectFiles()
    {
        using var folder = new TempFolder();
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@38114c72a027"), folder.Path);
        folder.Write("models/staging/stg_hubspot__contact.sql", "-- the file as the pull request left it\n");
        folder.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: integration_tests
              manifest: docs/manifest.json
            policy:
              on_impact: warn
              on_catalog_error: warn
            contracts:
              - name: contacts
                models: ["stg_hubspot__contact"]
            """);
        folder.Write("snapshot.json", EmptySnapshot);

        var run = await CliRunner.RunAsync(folder.Path, null, null,
            "check", "--changed-files", Fixture("fivetran_hubspot", "diff_792b8ff0a823..38114c72a027.txt"), "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("models/staging/stg_hubspot__contact.sql", change["file"]!.GetValue<string>());
        Assert.Equal("postgres.public_hubspot.stg_hubspot__contact", change["table"]!.GetValue<string>());
        Assert.Equal("contacts", change["contract"]!.GetValue<string>());
        // Both dbt_project.yml files changed: dbt cannot say which models that affects, and neither can we. Say so.
        Assert.Equal(2, report["diagnostics"]!.AsArray().Count(d => d!["code"]!.GetValue<string>() == "DC4014"));
    }

    [Fact]
    public async Task DbtBouncerVersionedModelsMapToTheirVersionedRelations()
    {
        using var folder = new TempFolder();
        TempFolder.CopyTree(Fixture("dbt-bouncer", "dbt_project"), folder.Path);
        folder.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: target/manifest.json
            contracts:
              - name: customers
                models: ["customers"]
            """);
        folder.Write("snapshot.json", EmptySnapshot);
        folder.Write("changed.txt", "models/marts/finance/customers_v1.sql\nmodels/marts/finance/customers_v3.sql\n");

        var run = await CliRunner.RunAsync(folder.Path, null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        var changes = JsonNode.Parse(run.Out)!["changes"]!.AsArray();
        Assert.Equal(
            ["dbt.main_marts.customers_v1", "dbt.main_marts.customers_v3"],
            changes.Select(c => c!["table"]!.GetValue<string>()).ToArray());
        Assert.All(changes, c => Assert.Equal("customers", c!["contract"]!.GetValue<string>()));
    }
}
