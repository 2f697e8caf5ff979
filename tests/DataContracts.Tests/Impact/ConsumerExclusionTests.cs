using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Impact;

/// <summary>
/// What is never a consumer: an ephemeral model (it builds no relation; what reads it is walked) and a model the
/// pull request deletes (it will read nothing). Real artifacts: HubSpot #201 (ephemeral models downstream of the
/// changed staging models) and Recce's pr2 with customer_segments deleted.
/// </summary>
public class ConsumerExclusionTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", .. parts]);

    [Fact]
    public async Task EphemeralModelsAreWalkedThroughButNeverListed()
    {
        using var folder = new TempFolder();
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@be3a903c24d8"), folder.Combine("repo"));
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@38114c72a027", "docs"), folder.Combine("prod"));
        folder.Write("repo/snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        folder.Write("repo/datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: integration_tests
              manifest: docs/manifest.json
              catalog: docs/catalog.json
              state: ../prod
            policy:
              on_catalog_error: warn
            contracts:
              - name: hubspot
                models: ["models/staging/**/*.sql"]
            """);
        var manifest = JsonNode.Parse(File.ReadAllText(folder.Combine("repo/docs/manifest.json")))!;
        var ephemeral = manifest["nodes"]!.AsObject()
            .Where(n => n.Value!["resource_type"]!.GetValue<string>() == "model" && n.Value["config"]!["materialized"]!.GetValue<string>() == "ephemeral")
            .Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(ephemeral);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null,
            "check", "--changed-files", Fixture("fivetran_hubspot", "diff_38114c72a027..be3a903c24d8.txt"), "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        var listed = report["impacts"]!.AsArray().SelectMany(i => i!["downstream"]!.AsArray()).Select(d => d!["id"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(listed);
        Assert.DoesNotContain(listed, ephemeral.Contains);

        // hubspot__contacts is built from an ephemeral model: it is still reached through it.
        Assert.Contains("model.hubspot.hubspot__contacts", listed);
    }

    [Fact]
    public async Task AModelThePullRequestDeletesIsListedApartAndNotCounted()
    {
        using var folder = new TempFolder();
        var head = JsonNode.Parse(File.ReadAllText(Fixture("recce", "pr2", "manifest.json")))!;
        const string Segments = "model.jaffle_shop.customer_segments";
        head["nodes"]!.AsObject().Remove(Segments);
        head["child_map"]!.AsObject().Remove(Segments);
        head["parent_map"]!.AsObject().Remove(Segments);
        foreach (var (_, children) in head["child_map"]!.AsObject())
        {
            var list = children!.AsArray();
            foreach (var gone in list.Where(c => c!.GetValue<string>() == Segments).ToList())
            {
                list.Remove(gone);
            }
        }

        folder.Write("repo/target/manifest.json", head.ToJsonString());
        folder.Write("repo/target/catalog.json", File.ReadAllText(Fixture("recce", "pr2", "catalog.json")));
        folder.Write("prod/manifest.json", File.ReadAllText(Fixture("recce", "base", "manifest.json")));
        folder.Write("prod/catalog.json", File.ReadAllText(Fixture("recce", "base", "catalog.json")));
        folder.Write("repo/snapshot.json", """
            {"version": 1, "resources": [
              {"id": "t-customers", "title": "customers", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
              {"id": "t-segments", "title": "customer_segments", "entityType": "table", "database": "jaffle_shop", "schema": "prod"},
              {"id": "b1", "title": "Customer 360", "entityType": "dashboard"},
              {"id": "b4", "title": "Segment sizes", "entityType": "chart"}
            ], "lineage": [
              {"from": "t-customers", "to": "t-segments"}, {"from": "t-customers", "to": "b1"}, {"from": "t-segments", "to": "b4"}
            ]}
            """);
        folder.Write("repo/changed.txt", "M\tmodels/customers.sql\nD\tmodels/customer_segments.sql\n");
        folder.Write("repo/datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              manifest: target/manifest.json
              catalog: target/catalog.json
              state: ../prod
            contracts:
              - name: customers
                models: ["customers", "customer_segments"]
            """);

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");

        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var customers = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["table"]!.GetValue<string>() == "jaffle_shop.prod.customers")!;
        var segments = Assert.Single(customers["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == "customer_segments")!;
        Assert.True(segments["deletedHere"]!.GetValue<bool>());
        Assert.Contains(customers["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == "Customer 360" && !d["deletedHere"]!.GetValue<bool>());

        // The deletion itself breaks what reads the deleted table.
        var deleted = Assert.Single(report["impacts"]!.AsArray(), i => i!["source"]!["table"]!.GetValue<string>() == "jaffle_shop.prod.customer_segments")!;
        Assert.Equal("fail", deleted["verdict"]!.GetValue<string>());
        Assert.Contains(deleted["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == "Segment sizes");
    }
}
