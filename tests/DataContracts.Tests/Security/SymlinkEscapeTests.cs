using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.Catalog;
using DataContracts.Tests.Support;

namespace DataContracts.Tests.Security;

/// <summary>
/// Symlinks a pull request adds, in real git repositories: a contracted model turned into a link to outside the
/// repository is still checked (mapped through the git base, its change unknown), and a link to <c>/</c> or a link
/// loop never takes a scan out of the repository or a model out of its contract.
/// </summary>
public class SymlinkEscapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AContractedModelTurnedIntoASymlinkOutsideTheRepositoryIsStillCheckedAndBlocks()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var outside = new TempFolder();
        var target = outside.Write("elsewhere.sql", "create or replace table analytics.scratch.nothing as select 1 as id;\n");
        using var repo = new GitRepo();
        repo.Write("datacontracts.yml", Contract);
        repo.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        repo.Write("warehouse/other.sql", "create or replace table analytics.marts.other as select 1 as id;\n");
        var baseSha = repo.Commit("base");
        File.Delete(Path.Combine(repo.Path, "warehouse/orders.sql"));
        File.CreateSymbolicLink(Path.Combine(repo.Path, "warehouse/orders.sql"), target);
        repo.Write("warehouse/other.sql", "create or replace table analytics.marts.other as select 2 as id;\n");
        repo.Commit("head: the contracted model becomes a link out of the repository");
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);
        HostileWorkspace.Seed(server);

        var run = await CliRunner.RunAsync(repo.Path, Environment(server), null, "check", "--base", baseSha, "--format", "json");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        var change = report["changes"]!.AsArray().Single(c => c!["file"]!.GetValue<string>() == "warehouse/orders.sql")!;
        Assert.Equal("unknown", change["classification"]!.GetValue<string>());
        Assert.Equal("orders", change["contract"]?.GetValue<string>());
        Assert.Contains("DC3041", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("scratch", run.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ASymlinkedModelThatNothingCanMapIsAnErrorNotAQuietPass()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var outside = new TempFolder();
        var target = outside.Write("elsewhere.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        using var workspace = HostileWorkspace.Create();
        File.Delete(workspace.Combine("warehouse/orders.sql"));
        File.CreateSymbolicLink(workspace.Combine("warehouse/orders.sql"), target);
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);
        HostileWorkspace.Seed(server);

        var run = await CliRunner.RunAsync(workspace.Path, Environment(server), "M\twarehouse/orders.sql\n", "check", "--changed-files", "-", "--format", "json");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("DC3042", run.Out, StringComparison.Ordinal);
        Assert.Contains("warehouse/orders.sql", run.Out, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(run.Out)!["coverage"]?["complete"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public async Task ASymlinkToTheRootInsideTheProjectDoesNotTakeTheScanOutOfTheRepository()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var repo = new GitRepo();
        WriteDbtProject(repo);
        string[] links = [Path.Combine(repo.Path, "models/root"), Path.Combine(repo.Path, "vendor")];
        CliRunner.Run run;
        try
        {
            foreach (var link in links)
            {
                Directory.CreateSymbolicLink(link, "/");
            }

            repo.Commit("base");
            repo.Write("models/orders.sql", "select 2 as id\n");
            repo.Write("changed.txt", "models/orders.sql\n");

            run = await CliRunner.RunAsync(repo.Path, new Dictionary<string, string?>(), null, "check", "--changed-files", "changed.txt", "--format", "json");
        }
        finally
        {
            // The temp folder's cleanup must not walk into / through them.
            foreach (var link in links.Where(l => new DirectoryInfo(l).LinkTarget is not null))
            {
                Directory.Delete(link);
            }
        }

        Assert.DoesNotContain("DC9001", run.All, StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.InvalidInput, run.ExitCode);
        var change = JsonNode.Parse(run.Out)!["changes"]!.AsArray().Single()!;
        Assert.Equal("models/orders.sql", change["file"]!.GetValue<string>());
        Assert.Equal("orders", change["contract"]?.GetValue<string>());
    }

    [Fact]
    public async Task ASymlinkLoopDoesNotMoveAModelOutOfItsContract()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var repo = new GitRepo();
        WriteDbtProject(repo);

        // "models/a/orders.sql" sorts before "models/orders.sql": found through the loop, the model would leave its contract.
        Directory.CreateSymbolicLink(Path.Combine(repo.Path, "models/a"), ".");
        repo.Commit("base");
        repo.Write("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n    description: changed\n");
        repo.Write("changed.txt", "models/schema.yml\n");

        var run = await CliRunner.RunAsync(repo.Path, new Dictionary<string, string?>(), null, "check", "--changed-files", "changed.txt", "--format", "json");

        Assert.DoesNotContain("DC9001", run.All, StringComparison.Ordinal);
        var changes = JsonNode.Parse(run.Out)!["changes"]!.AsArray();
        var change = Assert.Single(changes)!;
        Assert.Equal("orders", change["contract"]?.GetValue<string>());
        Assert.DoesNotContain("models/a/", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateGlobsDoNotFollowALinkToTheRootOrRoundALoop()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var repo = new GitRepo();
        repo.Write("datacontracts.yml", Contract.Replace("warehouse/orders.sql", "**/orders.sql", StringComparison.Ordinal) + "\n  - name: lost\n    models: [\"**/passwd\"]\n");
        repo.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id;\n");
        string[] links = [Path.Combine(repo.Path, "warehouse/root"), Path.Combine(repo.Path, "warehouse/loop")];
        CliRunner.Run run;
        try
        {
            Directory.CreateSymbolicLink(links[0], "/");
            Directory.CreateSymbolicLink(links[1], ".");
            repo.Commit("base");

            run = await CliRunner.RunAsync(repo.Path, new Dictionary<string, string?>(), null, "validate");
        }
        finally
        {
            foreach (var link in links.Where(l => new DirectoryInfo(l).LinkTarget is not null))
            {
                Directory.Delete(link);
            }
        }

        // orders.sql is found in the repository; /etc/passwd is not found through the link.
        Assert.DoesNotContain("DC9001", run.All, StringComparison.Ordinal);
        Assert.Contains("'**/passwd' matches no file", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("'**/orders.sql' matches no file", run.All, StringComparison.Ordinal);
    }

    private const string Contract = $"""
        version: 1
        secoda:
          integration_id: {SecodaTestGraph.Warehouse}
        sql:
          paths: ["**/*.sql"]
          dialect: snowflake
        policy:
          on_impact: fail
        contracts:
          - name: orders
            models: ["warehouse/orders.sql"]
        """;

    /// <summary>A dbt project without a manifest; the catalog is a snapshot holding the orders table and nothing downstream.</summary>
    private static void WriteDbtProject(GitRepo repo)
    {
        repo.Write("dbt_project.yml", "name: shop\nmodels:\n  shop:\n    +schema: marts\n");
        repo.Write("models/orders.sql", "select 1 as id\n");
        repo.Write("models/schema.yml", "version: 2\nmodels:\n  - name: orders\n");
        repo.Write("snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        repo.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: .
            contracts:
              - name: orders
                models: ["models/orders.sql"]
            """);
    }

    private static Dictionary<string, string?> Environment(FakeSecodaServer server) => new()
    {
        ["SECODA_API_TOKEN"] = HostileWorkspace.Secret,
        ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
        ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
        ["DATACONTRACTS_RETRY_MAX_MS"] = "50",
    };
}
