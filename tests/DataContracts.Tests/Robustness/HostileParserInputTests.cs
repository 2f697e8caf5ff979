using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Mapping.Dbt;
using DataContracts.Tests.MSBuild;
using DataContracts.Tests.Security;

namespace DataContracts.Tests.Robustness;

/// <summary>
/// Input built to break the parsers: YAML and JSON nested 100,000 levels deep (a stack overflow kills the
/// process with no report), lone UTF-16 surrogates and values of the wrong JSON type (which System.Text.Json only
/// rejects when they are read). Each ends in a coded input error with the file and position.
/// </summary>
public class HostileParserInputTests
{
    private const int Levels = 100_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADbtProjectFileNested100000LevelsDeepIsACodedErrorWithItsPosition()
    {
        using var folder = new TempFolder();
        folder.Write("datacontracts.yml", "version: 1\ndbt:\n  project_dir: .\ncontracts:\n  - name: orders\n    models: [\"orders\"]\n");
        folder.Write("dbt_project.yml", "name: shop\nmodels:\n  x: " + new string('[', Levels) + new string(']', Levels) + "\n");
        folder.Write("models/orders.sql", "select 1 as id\n");
        folder.Write("changed.txt", "models/orders.sql\n");

        var run = await RunBuiltCliAsync(folder.Path, "check", "--changed-files", "changed.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC4007", run.Output, StringComparison.Ordinal);
        Assert.Contains("dbt_project.yml:3:", run.Output, StringComparison.Ordinal);
        Assert.Contains("64 levels", run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.Length < 10_000, "no stack trace: " + run.Output[..Math.Min(run.Output.Length, 2000)]);
    }

    [Fact]
    public async Task APropertiesFileNested100000LevelsDeepIsACodedErrorWithItsPosition()
    {
        using var folder = new TempFolder();
        folder.Write("datacontracts.yml", "version: 1\ndbt:\n  project_dir: .\ncontracts:\n  - name: orders\n    models: [\"orders\"]\n");
        folder.Write("dbt_project.yml", "name: shop\n");
        folder.Write("models/orders.sql", "select 1 as id\n");
        folder.Write("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n    meta: " + new string('{', 1) + string.Concat(Enumerable.Repeat("a: {", Levels)) + new string('}', Levels + 1) + "\n");
        folder.Write("changed.txt", "models/schema.yml\n");

        var run = await RunBuiltCliAsync(folder.Path, "check", "--changed-files", "changed.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC4060", run.Output, StringComparison.Ordinal);
        Assert.Contains("models/schema.yml:4:", run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.Length < 10_000, "no stack trace: " + run.Output[..Math.Min(run.Output.Length, 2000)]);
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("catalog")]
    [InlineData("snapshot")]
    public async Task JsonNested100000LevelsDeepIsACodedErrorWithItsPosition(string kind)
    {
        using var folder = new TempFolder();
        var path = folder.Write("file.json", "{\"nodes\": " + new string('[', Levels) + new string(']', Levels) + "}");

        var error = await Assert.ThrowsAsync<InputException>(() => ReadJsonAsync(kind, path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(1, diagnostic.Location?.Line);
        Assert.True(diagnostic.Location?.Column > 1, diagnostic.ToString());
    }

    [Theory]
    [InlineData("manifest", "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \"project_name\": \"\\ud800\"}, \"nodes\": {}}")]
    [InlineData("manifest", "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"},\n \"nodes\": {\"model.a.\\udc00\": {\"resource_type\": \"model\"}}}")]
    [InlineData("catalog", "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/catalog/v1.json\"},\n \"nodes\": {\"model.a.b\": {\"unique_id\": \"model.a.b\", \"columns\": {\"\\ud800\": {\"name\": \"\\ud800\", \"index\": 1, \"type\": \"int\"}}}}}")]
    [InlineData("catalog", "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/catalog/v1.json\"},\n \"nodes\": {\"model.a.b\": {\"unique_id\": \"model.a.b\", \"columns\": {\"id\": {\"name\": \"id\", \"index\": \"1\", \"type\": \"int\"}}}}}")]
    [InlineData("snapshot", "{\"version\": 1, \"resources\": [\n{\"id\": \"t1\", \"title\": \"orders\\ud800\", \"entityType\": \"table\"}], \"lineage\": []}")]
    public async Task LoneSurrogatesAndWrongTypesAreCodedErrorsWithTheirPosition(string kind, string json)
    {
        using var folder = new TempFolder();
        var path = folder.Write("file.json", json);

        var error = await Assert.ThrowsAsync<InputException>(() => ReadJsonAsync(kind, path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.NotEqual("DC9001", diagnostic.Code);
        Assert.Equal(json.Contains('\n') ? 2 : 1, diagnostic.Location?.Line);
        Assert.True(diagnostic.Location?.Column > 1, diagnostic.ToString());
        Assert.Matches("Unicode|whole number", diagnostic.Message);
    }

    [Fact]
    public async Task ASnapshotWithALoneSurrogateIsExitCodeTwoThroughTheCli()
    {
        using var folder = new TempFolder();
        folder.Write("snapshot.json", "{\"version\": 1, \"resources\": [\n{\"id\": \"t1\", \"title\": \"orders\\ud800\", \"entityType\": \"table\"}], \"lineage\": []}");
        folder.Write("datacontracts.yml", "version: 1\nsecoda:\n  snapshot: snapshot.json\nsql:\n  paths: [\"*.sql\"]\ncontracts:\n  - name: orders\n    models: [\"orders.sql\"]\n");
        folder.Write("orders.sql", "create table analytics.marts.orders as select 1 as id;\n");

        var run = await CliRunner.RunAsync(folder.Path, new Dictionary<string, string?>(), "orders.sql\n", "check", "--changed-files", "-");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC6021", run.All, StringComparison.Ordinal);
        Assert.Contains("snapshot.json:2:", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecodaAnswerWithALoneSurrogateIsExitCodeThreeWithAClearMessage()
    {
        using var workspace = HostileWorkspace.Create();
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);
        HostileWorkspace.Seed(server);
        server.OnRequest = _ => new FakeResponse(200, "{\"count\": 1, \"links\": {\"next\": null}, \"results\": [{\"id\": \"x\", \"title\": \"orders\\ud800\", \"entity_type\": \"table\"}]}");

        var run = await CliRunner.RunAsync(
            workspace.Path,
            new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = HostileWorkspace.Secret, ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri, ["DATACONTRACTS_RETRY_BASE_MS"] = "5", ["DATACONTRACTS_RETRY_MAX_MS"] = "50" },
            null,
            "check",
            "--changed-files",
            "changed.txt");

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains("DC6006", run.All, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.All, StringComparison.Ordinal);
    }

    private static async Task ReadJsonAsync(string kind, string path)
    {
        switch (kind)
        {
            case "manifest":
                await ManifestReader.ReadAsync(path, "file.json", Ct);
                break;
            case "catalog":
                await DbtCatalogFile.ReadAsync(path, "file.json", Ct);
                break;
            default:
                await SnapshotFile.ReadAsync(path, Ct);
                break;
        }
    }

    private static Task<ChildProcess.Result> RunBuiltCliAsync(string workingDirectory, params string[] args) =>
        ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "datacontracts.dll"), .. args],
            workingDirectory,
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["SECODA_API_TOKEN"] = string.Empty },
            timeoutSeconds: 120);
}
