using DataContracts.Changes;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

/// <summary>Mapping without a manifest, on dbt-labs/jaffle_shop's real project tree (from samples/jaffle_shop) plus small edits.</summary>
public sealed class ApproximateMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TempFolder CopyJaffleShop()
    {
        var dir = new TempFolder();
        // The sample carries dbt-labs/jaffle_shop's real project tree; only the tree, not its manifest.
        TempFolder.CopyTree(
            Path.Combine(RepositoryPaths.Samples, "jaffle_shop"),
            Path.Combine(dir.Path, "analytics"),
            relative => relative == "dbt_project.yml" || relative.StartsWith("models/", StringComparison.Ordinal) || relative.StartsWith("seeds/", StringComparison.Ordinal));
        return dir;
    }

    private static Task<DbtProject> LoadAsync(TempFolder dir) =>
        DbtProject.LoadAsync(new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = Path.Combine(dir.Path, "analytics") }, Ct);

    [Fact]
    public async Task Model_name_comes_from_the_file_with_one_approximate_warning()
    {
        using var dir = CopyJaffleShop();
        var project = await LoadAsync(dir);
        Assert.False(project.HasManifest);
        Assert.Null(project.ManifestVersion);
        var mapping = await project.MapAsync(
            [new("analytics/models/orders.sql", ChangeStatus.Modified), new("analytics/models/staging/stg_orders.sql", ChangeStatus.Modified)],
            NoBaseContent.Instance,
            Ct);
        Assert.Equal([("model.jaffle_shop.orders", "orders"), ("model.jaffle_shop.stg_orders", "stg_orders")], mapping.Models.Select(m => (m.Id, m.Table!.ToString())));
        Assert.All(mapping.Models, m => Assert.Equal(MappingKind.DbtApproximate, m.Kind));
        var warning = Assert.Single(mapping.Diagnostics);
        Assert.Equal("DC4020", warning.Code);
        Assert.Contains("--manifest", warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_call_and_dbt_project_schema_give_the_known_parts_and_say_they_are_guesses()
    {
        using var dir = CopyJaffleShop();
        var yml = File.ReadAllText(Path.Combine(dir.Path, "analytics", "dbt_project.yml"))
            .Replace("      staging:\n", "      +database: RAW\n      staging:\n        +schema: staging\n", StringComparison.Ordinal);
        dir.Write("analytics/dbt_project.yml", yml);
        dir.Write("analytics/models/staging/stg_orders.sql", "{{\n  config(\n    alias='orders_v2', materialized = \"table\",\n    tags=['a', 'b'], schema=var('s')\n  )\n}}\nselect 1");
        var project = await LoadAsync(dir);
        var mapping = await project.MapAsync([new("analytics/models/staging/stg_orders.sql", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        var model = Assert.Single(mapping.Models);

        // schema=var('s') in config() overrides the folder's +schema with an unknown value: it must not be guessed.
        Assert.Equal(new TableName("RAW", null, "orders_v2"), model.Table);
        Assert.Contains("target schema unknown", model.Reason, StringComparison.Ordinal);

        dir.Write("analytics/models/staging/stg_orders.sql", "{{ config(alias='orders_v2') }}\nselect 1");
        mapping = await project.MapAsync([new("analytics/models/staging/stg_orders.sql", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        model = Assert.Single(mapping.Models);
        Assert.Equal(new TableName("RAW", "staging", "orders_v2"), model.Table);
        Assert.Contains("<target_schema>_staging", model.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ephemeral_and_disabled_models_are_reported_not_mapped_to_tables()
    {
        using var dir = CopyJaffleShop();
        dir.Write("analytics/models/eph.sql", "{{ config(materialized='ephemeral') }} select 1");
        dir.Write("analytics/models/off.sql", "{{ config(enabled=false) }} select 1");
        var project = await LoadAsync(dir);
        var mapping = await project.MapAsync([new("analytics/models/eph.sql", ChangeStatus.Added), new("analytics/models/off.sql", ChangeStatus.Added)], NoBaseContent.Instance, Ct);
        var eph = Assert.Single(mapping.Models);
        Assert.Null(eph.Table);
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4011");
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4013" && d.Message.Contains("model.jaffle_shop.off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_model_is_read_from_the_base_and_macros_warn()
    {
        using var dir = CopyJaffleShop();
        var project = await LoadAsync(dir);
        var baseContent = new DbtFixtures.DictionaryBaseContent(new Dictionary<string, string>
        {
            ["analytics/models/legacy.sql"] = "{{ config(alias='legacy_orders', schema='archive') }} select 1",
        });
        var mapping = await project.MapAsync(
            [new("analytics/models/legacy.sql", ChangeStatus.Deleted), new("analytics/macros/cents.sql", ChangeStatus.Modified), new("analytics/seeds/raw_orders.csv", ChangeStatus.Modified)],
            baseContent,
            Ct);
        Assert.Equal([("model.jaffle_shop.legacy", "archive.legacy_orders"), ("seed.jaffle_shop.raw_orders", "raw_orders")], mapping.Models.Select(m => (m.Id, m.Table!.ToString())));
        Assert.Equal(ChangeStatus.Deleted, mapping.Models[0].Status);
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4021" && d.Location!.File == "analytics/macros/cents.sql");
        Assert.Single(mapping.Diagnostics, d => d.Code == "DC4020");
    }

    [Fact]
    public async Task Properties_yml_without_manifest_maps_listed_models_and_resolve_finds_by_name()
    {
        using var dir = CopyJaffleShop();
        var project = await LoadAsync(dir);
        var mapping = await project.MapAsync([new("analytics/models/schema.yml", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.Equal(["customers", "orders"], mapping.Models.Select(m => m.Name));
        Assert.Equal("analytics/models/customers.sql", mapping.Models[0].ModelFile);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "analytics", "models", "schema.yml"));
        Assert.Contains("name: customers", lines[mapping.Models[0].Line - 1], StringComparison.Ordinal);

        var resolved = Assert.Single(project.Resolve("stg_payments"));
        Assert.Equal("analytics/models/staging/stg_payments.sql", resolved.ModelFile);
        Assert.Equal(MappingKind.DbtApproximate, resolved.Kind);
    }

    [Fact]
    public async Task Deleted_file_with_a_manifest_but_no_base_manifest_is_read_from_base_text_as_approximate()
    {
        using var dir = new TempFolder();
        dir.Write("dbt_project.yml", "name: jaffle_shop\n");
        var project = await DbtProject.LoadAsync(new DbtProjectOptions
        {
            WorkspaceRoot = dir.Path,
            ProjectDir = dir.Path,
            ManifestPath = DbtFixtures.Path("recce", "base", "manifest.json"),
        }, Ct);
        var baseContent = new DbtFixtures.DictionaryBaseContent(new Dictionary<string, string> { ["models/gone.sql"] = "{{ config(alias='gone_table') }} select 1" });
        var mapping = await project.MapAsync([new("models/gone.sql", ChangeStatus.Deleted)], baseContent, Ct);
        var model = Assert.Single(mapping.Models);
        Assert.Equal(MappingKind.DbtApproximate, model.Kind);
        Assert.Equal("gone_table", model.Table!.Name);
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4012");
    }
}
