using DataContracts.Changes;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

/// <summary>
/// Real merged PRs of fivetran/dbt_hubspot: the package lives at the repo root, the root project in
/// integration_tests/. The diff lists are the PRs' own file lists.
/// </summary>
public sealed class FivetranHubspotMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Commit(string sha) => DbtFixtures.Path("fivetran_hubspot", "@" + sha);

    private static Task<DbtProject> LoadAsync(string head, string? @base = null) => DbtProject.LoadAsync(new DbtProjectOptions
    {
        WorkspaceRoot = Commit(head),
        ProjectDir = Path.Combine(Commit(head), "integration_tests"),
        ManifestPath = Path.Combine(Commit(head), "docs", "manifest.json"),
        BaseManifestPath = @base is null ? null : Path.Combine(Commit(@base), "docs", "manifest.json"),
    }, Ct);

    private static IReadOnlyList<ChangedFile> Diff(string name) => DbtFixtures.ReadDiff(DbtFixtures.Path("fivetran_hubspot", name));

    [Fact]
    public async Task Pr198_maps_its_one_model_to_the_package_relation_and_flags_project_files()
    {
        var project = await LoadAsync("38114c72a027", "792b8ff0a823");
        var mapping = await project.MapAsync(Diff("diff_792b8ff0a823..38114c72a027.txt"), NoBaseContent.Instance, Ct);

        var model = Assert.Single(mapping.Models);
        Assert.Equal("model.hubspot.stg_hubspot__contact", model.Id);
        Assert.Equal(new TableName("postgres", "public_hubspot", "stg_hubspot__contact"), model.Table);
        Assert.Equal("models/staging/stg_hubspot__contact.sql", model.ModelFile);
        Assert.Equal(MappingKind.DbtManifest, model.Kind);
        Assert.Empty(mapping.UnmappedFiles);
        Assert.Equal(
            ["dbt_project.yml", "integration_tests/dbt_project.yml"],
            mapping.Diagnostics.Where(d => d.Code == "DC4014").Select(d => d.Location!.File).Order(StringComparer.Ordinal));
        Assert.Equal("postgres", project.AdapterType);
        Assert.Equal(12, project.ManifestVersion);
    }

    [Fact]
    public async Task Pr201_every_changed_model_file_maps_to_its_own_node()
    {
        var project = await LoadAsync("be3a903c24d8", "38114c72a027");
        var changes = Diff("diff_38114c72a027..be3a903c24d8.txt");
        var mapping = await project.MapAsync(changes, NoBaseContent.Instance, Ct);

        var modelFiles = changes.Where(c => c.Path.StartsWith("models/", StringComparison.Ordinal) && c.Path.EndsWith(".sql", StringComparison.Ordinal)).ToList();
        Assert.Equal(120, modelFiles.Count);
        foreach (var file in modelFiles)
        {
            var expectedId = "model.hubspot." + Path.GetFileNameWithoutExtension(file.Path);
            var own = mapping.Models.Where(m => m.File == file.Path).ToList();
            Assert.Equal([expectedId], own.Select(m => m.Id));
            Assert.Equal(file.Path, own[0].ModelFile);
        }

        Assert.Empty(mapping.UnmappedFiles);
    }

    [Fact]
    public async Task Pr201_changed_macro_maps_to_the_models_that_use_it()
    {
        var project = await LoadAsync("be3a903c24d8", "38114c72a027");
        var mapping = await project.MapAsync(
            [new("macros/staging/get_email_event_sent_columns.sql", ChangeStatus.Modified), new("macros/staging/get_email_event_dropped_columns.sql", ChangeStatus.Modified)],
            NoBaseContent.Instance,
            Ct);

        var sent = mapping.Models.Where(m => m.File == "macros/staging/get_email_event_sent_columns.sql").ToList();
        Assert.Equal(["model.hubspot.stg_hubspot__email_event_sent"], sent.Select(m => m.Id));
        Assert.Equal("macro macro.hubspot.get_email_event_sent_columns modified", sent[0].Reason);
        Assert.Equal("models/staging/stg_hubspot__email_event_sent.sql", sent[0].ModelFile);
        Assert.Equal(new TableName("postgres", "public_hubspot", "stg_hubspot__email_event_sent"), sent[0].Table);
        Assert.Equal(1, sent[0].Line);
        Assert.Equal(["model.hubspot.stg_hubspot__email_event_dropped"], mapping.Models.Where(m => m.File.EndsWith("dropped_columns.sql", StringComparison.Ordinal)).Select(m => m.Id));
    }

    [Fact]
    public async Task Pr201_deleted_union_macros_map_through_the_base_manifest_to_exactly_the_models_the_pr_edited()
    {
        var project = await LoadAsync("be3a903c24d8", "38114c72a027");
        var changes = Diff("diff_38114c72a027..be3a903c24d8.txt");
        var mapping = await project.MapAsync(changes, NoBaseContent.Instance, Ct);

        string[] Reached(string file) => [.. mapping.Models.Where(m => m.File == file).Select(m => m.Id).Order(StringComparer.Ordinal)];
        var stagingEdited = changes.Where(c => c.Path.StartsWith("models/staging/stg_", StringComparison.Ordinal)).Select(c => "model.hubspot." + Path.GetFileNameWithoutExtension(c.Path)).Order(StringComparer.Ordinal).ToArray();
        var tmpEdited = changes.Where(c => c.Path.StartsWith("models/staging/tmp/", StringComparison.Ordinal)).Select(c => "model.hubspot." + Path.GetFileNameWithoutExtension(c.Path)).Order(StringComparer.Ordinal).ToArray();

        // The PR removed the macros and edited every model that called them: dbt's macro closure must agree.
        Assert.Equal(56, stagingEdited.Length);
        Assert.Equal(stagingEdited, Reached("macros/union/apply_source_relation.sql"));
        Assert.Equal(tmpEdited, Reached("macros/union/union_connections.sql"));
        Assert.Equal(tmpEdited, Reached("macros/union/union_relations.sql"));
        Assert.Equal(
            [
                "model.hubspot.hubspot__company_history", "model.hubspot.hubspot__contact_history", "model.hubspot.hubspot__daily_ticket_history",
                "model.hubspot.hubspot__deal_history", "model.hubspot.hubspot__deal_stages", "model.hubspot.int_hubspot__daily_ticket_history",
                "model.hubspot.int_hubspot__form_metrics__by_contact", "model.hubspot.int_hubspot__scd_daily_ticket_history",
            ],
            Reached("macros/union/partition_by_source_relation.sql"));

        var deleted = mapping.Models.First(m => m.File == "macros/union/union_relations.sql");
        Assert.Equal(ChangeStatus.Deleted, deleted.Status);
        Assert.StartsWith("macro macro.hubspot.", deleted.Reason, StringComparison.Ordinal);
        Assert.EndsWith(" deleted", deleted.Reason, StringComparison.Ordinal);

        // An ephemeral model reached by a macro keeps no relation and says so.
        var ephemeral = mapping.Models.First(m => m.Id == "model.hubspot.int_hubspot__form_metrics__by_contact");
        Assert.Null(ephemeral.Table);
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4011" && d.Message.Contains("int_hubspot__form_metrics__by_contact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_macros_without_a_base_manifest_are_unmapped_with_a_warning()
    {
        var project = await LoadAsync("be3a903c24d8");
        var mapping = await project.MapAsync([new("macros/union/union_relations.sql", ChangeStatus.Deleted)], NoBaseContent.Instance, Ct);
        Assert.Empty(mapping.Models);
        Assert.Equal(["macros/union/union_relations.sql"], mapping.UnmappedFiles);
        Assert.Contains(mapping.Diagnostics, d => d.Code == "DC4010");
    }

    [Fact]
    public async Task Properties_yml_maps_to_patched_models_with_the_line_of_their_entry()
    {
        var project = await LoadAsync("be3a903c24d8");
        var mapping = await project.MapAsync([new("models/staging/stg_hubspot__contact.yml", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.Equal(
            [
                "model.hubspot.stg_hubspot__contact", "model.hubspot.stg_hubspot__contact_form_submission", "model.hubspot.stg_hubspot__contact_list",
                "model.hubspot.stg_hubspot__contact_list_member", "model.hubspot.stg_hubspot__contact_merge_audit", "model.hubspot.stg_hubspot__contact_property_history",
            ],
            mapping.Models.Select(m => m.Id).Order(StringComparer.Ordinal));
        var lines = File.ReadAllLines(Path.Combine(Commit("be3a903c24d8"), "models", "staging", "stg_hubspot__contact.yml"));
        foreach (var model in mapping.Models)
        {
            Assert.Equal("- name: " + model.Name, lines[model.Line - 1].Trim());
            Assert.Equal($"models/staging/{model.Name}.sql", model.ModelFile);
        }
    }

    [Fact]
    public async Task Sources_yml_maps_to_every_source_it_defines()
    {
        var project = await LoadAsync("be3a903c24d8");
        var mapping = await project.MapAsync([new("models/staging/src_hubspot.yml", ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.Equal(61, mapping.Models.Length);
        Assert.All(mapping.Models, m => Assert.StartsWith("source.hubspot.hubspot.", m.Id, StringComparison.Ordinal));
        Assert.Contains(mapping.Models, m => m.Id == "source.hubspot.hubspot.contact" && Equals(m.Table, new TableName("postgres", "public", "contact_data")));
    }

    [Fact]
    public async Task Integration_project_seed_resolves_relative_to_integration_tests()
    {
        var project = await LoadAsync("be3a903c24d8");
        var seed = project.Graph.Nodes.Values.First(n => n.ResourceType == "seed");
        Assert.StartsWith("integration_tests/seeds/", seed.File, StringComparison.Ordinal);
        var mapping = await project.MapAsync([new(seed.File!, ChangeStatus.Modified)], NoBaseContent.Instance, Ct);
        Assert.Equal(seed.UniqueId, Assert.Single(mapping.Models).Id);
    }

    [Fact]
    public async Task Resolve_finds_models_by_name_id_and_path()
    {
        var project = await LoadAsync("be3a903c24d8");
        Assert.Equal("model.hubspot.hubspot__deals", Assert.Single(project.Resolve("hubspot__deals")).Id);
        Assert.Equal("model.hubspot.hubspot__deals", Assert.Single(project.Resolve("model.hubspot.hubspot__deals")).Id);
        Assert.Equal("model.hubspot.hubspot__deals", Assert.Single(project.Resolve("hubspot.hubspot__deals")).Id);
        Assert.Equal("model.hubspot.stg_hubspot__deal", Assert.Single(project.Resolve("models/staging/stg_hubspot__deal.sql")).Id);
        Assert.Empty(project.Resolve("no_such_model"));
    }
}
