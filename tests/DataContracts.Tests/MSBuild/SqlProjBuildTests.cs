using DataContracts.MSBuild;
using Microsoft.Build.Execution;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// samples/sqlproj the first two ways samples/msbuild is tested (the third, the packed package under `dotnet build`,
/// is <see cref="SqlProjPackageTests"/>): (a) the task against a hand-written engine running the built CLI, and
/// (b) the sample's own .sqlproj restored and built in process by the SDK's MSBuild, with the package's build/ and
/// tasks/ files from source imported where NuGet would import them. Both run the sample's own changed-files lists.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class SqlProjBuildTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string sample;

    public SqlProjBuildTests() => sample = SqlProjSample.CopyTo(temp.Combine("repo"));

    [Fact]
    public void Task_BreakingList_LogsDC1001AtTheOrdersScriptAndFails()
    {
        var (task, engine) = CreateTask(SqlProjSample.Breaking);

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal("DC1001", error.Code);
        Assert.Equal(Path.Combine(sample, SqlProjSample.Orders), error.File);
        Assert.Equal((1, 1), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("WideWorldImporters.Sales.Orders", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("fail", task.Result);
    }

    [Fact]
    public void Task_CleanList_PassesAndSaysTheRemovedScriptIsNotChecked()
    {
        var (task, engine) = CreateTask(SqlProjSample.Clean);

        Assert.True(task.Execute(), engine.Log);

        Assert.Empty(engine.Errors);
        var removed = Assert.Single(engine.Warnings, w => w.Code == "DC5104");
        Assert.Equal(Path.Combine(sample, "Legacy", "OldOrders.sql"), removed.File);
        Assert.DoesNotContain(engine.Warnings, w => w.Code == "DC1001");
    }

    [Fact]
    public void InProcessBuildOfTheSqlproj_BreakingListFailsAtTheOrdersScript_CleanListPasses()
    {
        UseSourcePackage();
        var project = Path.Combine(sample, "WideWorldImporters.sqlproj");
        var restore = Build(project, "Restore", ("MSBuildRestoreSessionId", Guid.NewGuid().ToString("D")));
        Assert.True(restore.Code == BuildResultCode.Success, string.Join('\n', restore.Errors.Select(e => e.Message)));

        var breaking = Build(project, "Build", ("DataContractsChangedFiles", SqlProjSample.Breaking));

        Assert.Equal(BuildResultCode.Failure, breaking.Code);
        var error = Assert.Single(breaking.Errors);
        Assert.Equal(("DC1001", Path.Combine(sample, SqlProjSample.Orders), 1), (error.Code, error.File, error.LineNumber));
        Assert.Equal(1, breaking.CheckRuns);

        var clean = Build(project, "Build", ("DataContractsChangedFiles", SqlProjSample.Clean));

        Assert.True(clean.Code == BuildResultCode.Success, string.Join('\n', clean.Errors.Select(e => $"{e.Code} {e.Message}")));
        Assert.Equal(1, clean.CheckRuns);
        Assert.Contains(clean.Warnings, w => w.Code == "DC5104" && w.File == Path.Combine(sample, "Legacy", "OldOrders.sql"));
    }

    public void Dispose() => temp.Dispose();

    private (DataContractsCheck Task, MockEngine Engine) CreateTask(string changedFiles)
    {
        var engine = new MockEngine(Path.Combine(sample, "WideWorldImporters.sqlproj"));
        var task = new DataContractsCheck
        {
            BuildEngine = engine,
            ToolAssembly = MSBuildSample.ToolPath,
            ReportFile = Path.Combine(sample, "obj", "datacontracts.json"),
            ContractsFile = Path.Combine(sample, "datacontracts.yml"),
            ChangedFiles = Path.Combine(sample, changedFiles),
            CatalogSnapshot = Path.Combine(sample, "secoda-snapshot.json"),
            TimeoutSeconds = 120,
            EnvironmentVariables = ["SECODA_API_TOKEN=", "GITHUB_BASE_REF=", "CI=", "GITHUB_ACTIONS="],
        };
        Directory.CreateDirectory(Path.Combine(sample, "obj"));
        return (task, engine);
    }

    /// <summary>
    /// The package from source, laid out as packed (build/, tasks/net8.0/), in place of the PackageReference:
    /// imported from Directory.Build.props and .targets, which the SDK imports where NuGet's generated
    /// nuget.g.props and .targets sit; restore then needs no package and no feed.
    /// </summary>
    private void UseSourcePackage()
    {
        var package = temp.Combine("package");
        InProcessBuild.LayOutPackage(package);

        var project = Path.Combine(sample, "WideWorldImporters.sqlproj");
        var text = File.ReadAllText(project);
        var reference = text.IndexOf("<PackageReference Include=\"DataContracts.MSBuild\"", StringComparison.Ordinal);
        Assert.True(reference > 0, "the sample no longer references DataContracts.MSBuild");
        File.WriteAllText(project, text.Remove(reference, text.IndexOf("/>", reference, StringComparison.Ordinal) + 2 - reference));
        File.WriteAllText(Path.Combine(sample, "Directory.Build.props"), $"<Project><Import Project=\"{package}/build/DataContracts.MSBuild.props\" /></Project>");
        File.WriteAllText(Path.Combine(sample, "Directory.Build.targets"), $"<Project><Import Project=\"{package}/build/DataContracts.MSBuild.targets\" /></Project>");
        File.WriteAllText(Path.Combine(sample, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="none" value="{temp.Combine("empty-feed")}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{temp.Combine("nuget-packages")}" /></config>
            </configuration>
            """);
        Directory.CreateDirectory(temp.Combine("empty-feed"));
    }

    private static InProcessBuildOutcome Build(string project, string target, params (string Name, string Value)[] properties)
    {
        var globals = new Dictionary<string, string>
        {
            ["DataContractsToolPath"] = MSBuildSample.ToolPath,
            ["_DataContractsEnvironment"] = InProcessBuild.ClearedToolVariables(),
        };
        foreach (var (name, value) in properties)
        {
            globals[name] = value;
        }

        return InProcessBuild.Run(project, globals, target);
    }
}
