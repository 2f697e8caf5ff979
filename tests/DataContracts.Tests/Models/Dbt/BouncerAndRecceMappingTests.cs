using DataContracts.Changes;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

/// <summary>dbt-bouncer's test project (versioned models, local package, exposures, YAML snapshots) and Recce's base/PR pair.</summary>
public sealed class BouncerAndRecceMappingTests
{
    private const string Project = "dbt_project";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Workspace => DbtFixtures.Path("dbt-bouncer");

    private static Task<DbtProject> LoadBouncerAsync() => DbtProject.LoadAsync(new DbtProjectOptions
    {
        WorkspaceRoot = Workspace,
        ProjectDir = Path.Combine(Workspace, Project),
        ManifestPath = Path.Combine(Workspace, Project, "target", "manifest.json"),
    }, Ct);

    [Fact]
    public async Task Versioned_model_files_map_to_their_versioned_relations()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync(
            [new("dbt_project/models/marts/finance/customers_v1.sql", ChangeStatus.Modified), new("dbt_project/models/marts/finance/customers_v3.sql", ChangeStatus.Modified)],
            NoBaseContent.Instance,
            Ct);
        Assert.Equal(
            [("model.dbt_bouncer_test_project.customers.v1", "dbt.main_marts.customers_v1"), ("model.dbt_bouncer_test_project.customers.v3", "dbt.main_marts.customers_v3")],
            mapping.Models.Select(m => (m.Id, m.Table!.ToString())));
        Assert.Equal("customers.v3", mapping.Models[1].Name);
    }

    [Fact]
    public async Task Properties_yml_maps_every_version_to_the_models_entry_line()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync([new("dbt_project/models/marts/finance/_finance__models.yml", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        var customers = mapping.Models.Where(m => m.Id.Contains(".customers.", StringComparison.Ordinal)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(["customers_v1", "customers_v2", "customers_v3"], customers.Select(m => m.Table!.Name));
        Assert.All(customers, m => Assert.Equal(4, m.Line));
        Assert.Contains(mapping.Models, m => m.Id == "model.dbt_bouncer_test_project.orders");
    }

    [Fact]
    public async Task Local_package_files_map_through_its_own_dbt_project()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync([new("dbt_project/internal_package/models/model_1.sql", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        var model = Assert.Single(mapping.Models);
        Assert.Equal("model.internal_package.model_1", model.Id);
        Assert.Equal(new TableName("dbt", "main", "model_1"), model.Table);
        Assert.Equal("dbt_project/internal_package/models/model_1.sql", model.ModelFile);
    }

    [Fact]
    public async Task Exposures_appear_in_the_graph_as_children_with_owners()
    {
        var project = await LoadBouncerAsync();
        Assert.Equal(
            ["exposure.dbt_bouncer_test_project.customers", "exposure.dbt_bouncer_test_project.pulse_queries", "semantic_model.dbt_bouncer_test_project.customers"],
            project.Graph.ChildrenOf("model.dbt_bouncer_test_project.customers.v3"));
        Assert.Equal(["exposure.dbt_bouncer_test_project.pulse_queries"], project.Graph.ChildrenOf("model.dbt_bouncer_test_project.orders"));
        var exposure = project.Graph.Nodes["exposure.dbt_bouncer_test_project.customers"];
        Assert.Equal("dashboard", exposure.Subtype);
        Assert.Equal(["Anna Anderson <anna.anderson@example.com>"], exposure.Owners);
        Assert.Equal("dbt_project/models/marts/finance/_exposures.yml", exposure.File);
        Assert.DoesNotContain(project.Graph.Nodes.Keys, k => k.StartsWith("test.", StringComparison.Ordinal) || k.StartsWith("unit_test.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Yaml_snapshots_map_both_snapshots_of_the_file()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync([new("dbt_project/snapshots/_snapshots.yml", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.Equal(
            ["snapshot.dbt_bouncer_test_project.snapshot_orders", "snapshot.dbt_bouncer_test_project.snapshot_orders_multiple_unique_keys"],
            mapping.Models.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(mapping.Models, m => Assert.Equal("main_dbt_pslattery", m.Table!.Schema));
        Assert.Equal(4, mapping.Models.Single(m => m.Name == "snapshot_orders").Line);
    }

    [Fact]
    public async Task Unknown_model_file_is_unmapped_and_installed_packages_are_ignored()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync(
            [
                new("dbt_project/models/marts/finance/brand_new.sql", ChangeStatus.Added),
                new("dbt_project/dbt_packages/tiktok_ads/models/tiktok_ads__ad_report.sql", ChangeStatus.Modified),
                new("README.md", ChangeStatus.Modified),
            ],
            NoBaseContent.Instance,
            Ct);
        Assert.Empty(mapping.Models);
        Assert.Equal(["dbt_project/models/marts/finance/brand_new.sql"], mapping.UnmappedFiles);
        var warning = Assert.Single(mapping.Diagnostics);
        Assert.Equal("DC4010", warning.Code);
        Assert.Equal("dbt_project/models/marts/finance/brand_new.sql", warning.Location!.File);
    }

    [Fact]
    public async Task Macro_change_reaches_models_through_the_manifest()
    {
        var project = await LoadBouncerAsync();
        var mapping = await project.MapAsync([new("dbt_project/macros/cents_to_dollars.sql", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.NotEmpty(mapping.Models);
        Assert.All(mapping.Models, m => Assert.Equal("macro macro.dbt_bouncer_test_project.cents_to_dollars modified", m.Reason));
        Assert.Contains(mapping.Models, m => m.Id == "model.dbt_bouncer_test_project.stg_payments");
    }

    [Fact]
    public async Task Resolve_versioned_names()
    {
        var project = await LoadBouncerAsync();
        Assert.Equal(3, project.Resolve("customers").Count);
        Assert.Equal("dbt.main_marts.customers_v2", Assert.Single(project.Resolve("customers.v2")).Table!.ToString());
        Assert.Equal("model.dbt_bouncer_test_project.customers.v1", Assert.Single(project.Resolve("models/marts/finance/customers_v1.sql")).Id);
    }

    [Fact]
    public async Task Recce_pr2_added_models_are_found_and_renamed_files_map_both_sides()
    {
        using var dir = new TempFolder();
        dir.Write("dbt_project.yml", "name: jaffle_shop\n");
        var project = await DbtProject.LoadAsync(new DbtProjectOptions
        {
            WorkspaceRoot = dir.Path,
            ProjectDir = dir.Path,
            ManifestPath = DbtFixtures.Path("recce", "pr2", "manifest.json"),
            BaseManifestPath = DbtFixtures.Path("recce", "base", "manifest.json"),
        }, Ct);
        var mapping = await project.MapAsync(
            [
                new("models/int_customer_orders.sql", ChangeStatus.Added),
                new("models/int_customer_payments.sql", ChangeStatus.Added),
                new("models/customers.sql", ChangeStatus.Renamed, "models/old_customers.sql"),
            ],
            NoBaseContent.Instance,
            Ct);
        // New models keep the relation they were compiled to; customers is looked up where production has it (dbt's --defer).
        Assert.Equal(
            [("model.jaffle_shop.int_customer_orders", "jaffle_shop.dev.int_customer_orders"), ("model.jaffle_shop.int_customer_payments", "jaffle_shop.dev.int_customer_payments"), ("model.jaffle_shop.customers", "jaffle_shop.prod.customers")],
            mapping.Models.Select(m => (m.Id, m.Table!.ToString())));

        // The old path of the rename is in neither manifest and there is no base text: reported, not guessed.
        Assert.Equal(["models/old_customers.sql"], mapping.UnmappedFiles);
    }
}
