using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

public sealed class ManifestReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Expected values read from the fixture files (dbt-core's own backward-compatibility manifests).
    [Theory]
    [InlineData(4, 2, 165, 0, "jerco", "dbt_jcohen", "metric.test.my_metric")]
    [InlineData(5, 2, 167, 0, "jerco", "dbt_jcohen", "metric.test.my_metric")]
    [InlineData(6, 2, 256, 0, "jerco", "dbt_jcohen", "metric.test.my_metric")]
    [InlineData(7, 6, 292, 9, "dbt", "test16763240740000063267_test_previous_version_state", "exposure.test.simple_exposure,metric.test.my_metric")]
    [InlineData(8, 6, 292, 9, "dbt", "test16763222812618906995_test_previous_version_state", "exposure.test.simple_exposure,metric.test.my_metric")]
    [InlineData(9, 6, 311, 9, "dbt", "test16810952296205305560_test_previous_version_state", "exposure.test.simple_exposure,metric.test.my_metric")]
    [InlineData(10, 11, 355, 9, "dbt", "test16970573770617803847_test_previous_version_state", "exposure.test.simple_exposure,semantic_model.test.semantic_people")]
    [InlineData(11, 11, 404, 9, "dbt", "test17066140326720908695_test_previous_version_state", "exposure.test.simple_exposure,semantic_model.test.semantic_people")]
    [InlineData(12, 11, 450, 9, "dbt", "test17594237163467600387_test_previous_version_state", "exposure.test.simple_exposure,semantic_model.test.semantic_people")]
    public async Task Every_manifest_version_v4_to_v12_loads_with_its_nodes_relations_and_lineage(
        int version, int graphNodes, int macros, int disabled, string database, string schema, string children)
    {
        var path = DbtFixtures.Path("dbt-core", "state", $"v{version}", "manifest.json");
        var manifest = await ManifestReader.ReadAsync(path, "manifest.json", Ct);
        Assert.Equal(version, manifest.SchemaVersion);
        Assert.Equal("postgres", manifest.AdapterType);
        Assert.Equal(macros, manifest.Macros.Count);
        Assert.Equal(disabled, manifest.Disabled.Length);
        Assert.Empty(manifest.Diagnostics);

        using var dir = new TempFolder();
        File.Copy(path, System.IO.Path.Combine(dir.Path, "manifest.json"));
        dir.Write("dbt_project.yml", "name: test\n");
        var project = await DbtProject.LoadAsync(new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = dir.Path, ManifestPath = System.IO.Path.Combine(dir.Path, "manifest.json") }, Ct);
        Assert.Equal(version, project.ManifestVersion);
        Assert.Equal(graphNodes, project.Graph.Nodes.Count);
        Assert.Equal(new TableName(database, schema, "my_model"), project.Graph.Nodes["model.test.my_model"].Table);
        Assert.Equal(children.Split(','), project.Graph.ChildrenOf("model.test.my_model"));

        var mapped = await project.MapAsync([new("models/my_model.sql", DataContracts.Changes.ChangeStatus.Modified)], DataContracts.Changes.NoBaseContent.Instance, Ct);
        var model = Assert.Single(mapped.Models);
        Assert.Equal("model.test.my_model", model.Id);
        Assert.Equal(new TableName(database, schema, "my_model"), model.Table);
        Assert.Equal(MappingKind.DbtManifest, model.Kind);
    }

    [Fact]
    public async Task A_truncated_manifest_is_DC4002_with_the_path_line_and_a_hint()
    {
        using var dir = new TempFolder();
        var bytes = await File.ReadAllBytesAsync(DbtFixtures.Path("dbt-core", "state", "v12", "manifest.json"), Ct);
        var path = System.IO.Path.Combine(dir.Path, "manifest.json");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], Ct);

        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestReader.ReadAsync(path, "target/manifest.json", Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4002", d.Code);
        Assert.Equal("target/manifest.json", d.Location!.File);
        // dbt writes the manifest on one line: the column (byte offset) is what locates the break.
        Assert.Equal(1, d.Location.Line);
        Assert.True(d.Location.Column > bytes.Length / 4);
        Assert.Contains("truncated", d.Message, StringComparison.Ordinal);
        Assert.Contains("dbt parse", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_json_in_the_middle_reports_the_line_and_column()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.json", "{\n  \"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"},\n  \"nodes\": {,}\n}");
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestReader.ReadAsync(path, "m.json", Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4002", d.Code);
        Assert.Equal(3, d.Location!.Line);
        Assert.Equal(13, d.Location.Column);
    }

    [Fact]
    public async Task A_json_array_is_not_a_manifest_DC4003()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.json", "[{\"nodes\": {}}]");
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestReader.ReadAsync(path, "m.json", Ct));
        Assert.Equal("DC4003", Assert.Single(ex.Diagnostics).Code);
    }

    [Fact]
    public async Task A_catalog_json_is_not_a_manifest_DC4003()
    {
        using var dir = new TempFolder();
        var path = dir.Write("catalog.json", "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/catalog/v1.json\"}, \"nodes\": {}}");
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestReader.ReadAsync(path, "catalog.json", Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4003", d.Code);
        Assert.Contains("catalog", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_future_schema_version_warns_DC4004_and_is_still_read()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.json", "{\"metadata\":{\"dbt_schema_version\":\"https://schemas.getdbt.com/dbt/manifest/v99.json\",\"new_field\":[1,2]},"
            + "\"nodes\":{\"model.p.a\":{\"resource_type\":\"model\",\"name\":\"a\",\"package_name\":\"p\",\"database\":\"db\",\"schema\":\"s\",\"alias\":\"a\",\"unknown\":{\"deep\":[{}]}}}}");
        var manifest = await ManifestReader.ReadAsync(path, "m.json", Ct);
        Assert.Equal(99, manifest.SchemaVersion);
        var d = Assert.Single(manifest.Diagnostics);
        Assert.Equal("DC4004", d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(new TableName("db", "s", "a"), manifest.Nodes["model.p.a"].Table);
    }

    [Fact]
    public async Task Metadata_alone_with_a_future_version_is_an_empty_manifest_with_a_warning()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.json", "{\"metadata\":{\"dbt_schema_version\":\"https://schemas.getdbt.com/dbt/manifest/v99.json\"}}");
        var manifest = await ManifestReader.ReadAsync(path, "m.json", Ct);
        Assert.Empty(manifest.Nodes);
        Assert.Equal("DC4004", Assert.Single(manifest.Diagnostics).Code);
    }

    [Fact]
    public async Task A_binary_file_is_DC4002()
    {
        using var dir = new TempFolder();
        var path = System.IO.Path.Combine(dir.Path, "manifest.json");
        await File.WriteAllBytesAsync(path, [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0x00, 0x42, 0x13], Ct);
        var ex = await Assert.ThrowsAsync<InputException>(() => ManifestReader.ReadAsync(path, "m.json", Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4002", d.Code);
        Assert.Equal(1, d.Location!.Line);
    }

    [Fact]
    public async Task A_missing_explicit_manifest_is_DC4001_from_LoadAsync()
    {
        using var dir = new TempFolder();
        dir.Write("dbt_project.yml", "name: p\n");
        var ex = await Assert.ThrowsAsync<InputException>(() => DbtProject.LoadAsync(
            new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = dir.Path, ManifestPath = System.IO.Path.Combine(dir.Path, "target", "manifest.json") }, Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4001", d.Code);
        Assert.Equal("target/manifest.json", d.Location!.File);
    }

    [Fact]
    public async Task No_dbt_project_and_no_manifest_is_DC4005()
    {
        using var dir = new TempFolder();
        var ex = await Assert.ThrowsAsync<InputException>(() => DbtProject.LoadAsync(
            new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = System.IO.Path.Combine(dir.Path, "dbt") }, Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4005", d.Code);
        Assert.Equal("dbt/dbt_project.yml", d.Location!.File);
    }

    [Fact]
    public async Task Bad_yaml_in_dbt_project_is_DC4007_with_a_line()
    {
        using var dir = new TempFolder();
        dir.Write("dbt_project.yml", "name: p\nmodels:\n  p:\n    +schema: [unclosed\n");
        var ex = await Assert.ThrowsAsync<InputException>(() => DbtProject.LoadAsync(
            new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = dir.Path }, Ct));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC4007", d.Code);
        Assert.True(d.Location!.Line >= 4);
    }

    [Fact]
    public async Task Child_map_is_rebuilt_from_depends_on_when_null()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.json", """
            {"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v12.json","project_name":"p"},
             "nodes":{"model.p.a":{"resource_type":"model","name":"a","package_name":"p","original_file_path":"models/a.sql","schema":"s","alias":"a","raw_code":"select 1","columns":{"x":{"name":"x"}}},
                      "model.p.b":{"resource_type":"model","name":"b","package_name":"p","original_file_path":"models/b.sql","schema":"s","alias":"b","depends_on":{"nodes":["model.p.a"],"macros":[]}},
                      "test.p.t":{"resource_type":"test","name":"t","package_name":"p","depends_on":{"nodes":["model.p.b"]}}},
             "exposures":{"exposure.p.dash":{"name":"dash","type":"dashboard","url":"https://bi/1","owner":{"name":"Ann","email":"ann@example.com"},"depends_on":{"nodes":["model.p.b"]}}},
             "child_map": null}
            """);
        dir.Write("dbt_project.yml", "name: p\n");
        var project = await DbtProject.LoadAsync(new DbtProjectOptions { WorkspaceRoot = dir.Path, ProjectDir = dir.Path, ManifestPath = path }, Ct);
        Assert.Equal(["model.p.b"], project.Graph.ChildrenOf("model.p.a"));
        Assert.Equal(["exposure.p.dash"], project.Graph.ChildrenOf("model.p.b"));
        var exposure = project.Graph.Nodes["exposure.p.dash"];
        Assert.Equal("dashboard", exposure.Subtype);
        Assert.Equal("https://bi/1", exposure.Url);
        Assert.Equal(["Ann <ann@example.com>"], exposure.Owners);
        Assert.False(project.Graph.Nodes.ContainsKey("test.p.t"));
        Assert.Equal("models/b.sql", project.Graph.Nodes["model.p.b"].File);
    }
}
