using DataContracts.MSBuild;
using Microsoft.Build.Construction;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Level (b): the real build/DataContracts.MSBuild.props|targets from source, evaluated and built in process
/// by the SDK's MSBuild (registered once through Microsoft.Build.Locator). The files are laid out as in the
/// package (build/, tasks/net8.0/) so the relative paths inside the targets are exercised too; only the CLI
/// is pointed elsewhere, through DataContractsToolPath.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class InProcessBuildTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string package;
    private readonly string project;

    public InProcessBuildTests()
    {
        package = temp.Combine("package");
        var build = Path.Combine(RepositoryPaths.Root, "src", "DataContracts.MSBuild", "build");
        foreach (var file in Directory.EnumerateFiles(build))
        {
            Copy(file, Path.Combine(package, "build", Path.GetFileName(file)));
        }

        Copy(typeof(DataContractsCheck).Assembly.Location, Path.Combine(package, "tasks", "net8.0", "DataContracts.MSBuild.dll"));

        var sample = temp.Combine("repo");
        MSBuildSample.CopyTo(sample);
        project = Path.Combine(sample, "Warehouse.proj");
        WriteProject(project);
    }

    [Fact]
    public void Evaluation_DefaultsEveryPropertyOnlyWhenUnset()
    {
        using var collection = new ProjectCollection();
        var evaluated = new Project(project, new Dictionary<string, string>(), null, collection);

        Assert.Equal("true", evaluated.GetPropertyValue("DataContractsEnabled"));
        Assert.Equal("false", evaluated.GetPropertyValue("DataContractsWarningsAsErrors"));
        Assert.Equal("300", evaluated.GetPropertyValue("DataContractsTimeout"));
        Assert.Equal(temp.Combine("repo/datacontracts.yml"), evaluated.GetPropertyValue("DataContractsFile"));
        Assert.Equal(Path.Combine(package, "tools", "net10.0", "datacontracts.dll"), evaluated.GetPropertyValue("DataContractsToolPath"));

        var overridden = new Project(project, new Dictionary<string, string> { ["DataContractsTimeout"] = "9", ["DataContractsFile"] = "other.yml" }, null, collection);
        Assert.Equal("9", overridden.GetPropertyValue("DataContractsTimeout"));
        Assert.Equal("other.yml", overridden.GetPropertyValue("DataContractsFile"));
    }

    [Fact]
    public void Build_BlockingImpact_FailsWithCodedErrorAtModelFile()
    {
        var result = Build(MSBuildSample.Breaking);

        Assert.Equal(BuildResultCode.Failure, result.Code);
        var error = Assert.Single(result.Errors);
        Assert.Equal("DC1001", error.Code);
        Assert.Equal(temp.Combine("repo/warehouse/orders.sql"), error.File);
        Assert.Equal(2, error.LineNumber);
        Assert.True(File.Exists(temp.Combine("repo/obj/datacontracts.json")));
    }

    [Fact]
    public void Build_CatalogTitleWithMSBuildSyntax_ReachesTheReportCopyAndTheErrorVerbatim()
    {
        // The report travels from the check's project to this one as item metadata, where ';', '%', '$(' and
        // '@(' mean something to MSBuild; a catalog title must come through as text, not be expanded or split.
        const string Title = "Finance; KPIs %3B $(SECODA_API_TOKEN) @(Compile) %(Identity)";
        var snapshot = temp.Combine("repo/secoda-snapshot.json");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("Finance KPIs", Title, StringComparison.Ordinal));

        var result = Build(MSBuildSample.Breaking);

        Assert.Equal(BuildResultCode.Failure, result.Code);
        Assert.Contains(Title, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Contains(Title, File.ReadAllText(temp.Combine("repo/obj/datacontracts.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TheCliGetsTheEnvironmentTheSeamGives_EveryVariableOfIt()
    {
        // A closed port and a token, without a snapshot: only a CLI that got every variable asks that port (once: no retries).
        using var closed = new ClosedPort();
        var result = Build(
            MSBuildSample.Clean,
            ("DataContractsCatalogSnapshot", string.Empty),
            ("_DataContractsEnvironment", $"SECODA_API_URL={closed.Url("api/v1/")}|SECODA_API_TOKEN=test-token|DATACONTRACTS_MAX_RETRIES=0"));

        Assert.Equal(BuildResultCode.Failure, result.Code);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DC6", error.Code, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closed.Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutAChangedFilesList_DiffsTheContractFilesRepositoryWithGit()
    {
        // The check's project lives in the package, not in the repository: git must still diff the repository
        // that holds the contract file.
        var repo = temp.Combine("repo");
        File.WriteAllText(Path.Combine(repo, ".gitignore"), "obj/\n");
        GitRepo.Init(repo);
        GitRepo.Run(repo, "add", "-A");
        GitRepo.Run(repo, "commit", "-q", "-m", "base");

        var baseCommit = GitRepo.Run(repo, "rev-parse", "HEAD").Trim();
        var orders = Path.Combine(repo, "warehouse", "orders.sql");
        File.WriteAllText(orders, File.ReadAllText(orders).Replace("amount", "amount_usd", StringComparison.Ordinal));
        GitRepo.Run(repo, "commit", "-q", "-am", "rename a column of the orders mart");

        var result = Build(string.Empty, ("DataContractsBaseRef", baseCommit));

        Assert.Equal(BuildResultCode.Failure, result.Code);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("DC1001", orders), (error.Code, error.File));
    }

    [Fact]
    public void Build_Warning_SucceedsWithWarning()
    {
        var result = Build(MSBuildSample.Warning);

        Assert.Equal(BuildResultCode.Success, result.Code);
        Assert.Equal("DC1002", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Build_PassingCheck_IsSkippedUntilAnInputChanges()
    {
        var first = Build(MSBuildSample.Clean);
        var second = Build(MSBuildSample.Clean);
        File.SetLastWriteTimeUtc(temp.Combine("repo/warehouse/order_notes.sql"), DateTime.UtcNow.AddSeconds(5));
        var third = Build(MSBuildSample.Clean);

        Assert.Equal(BuildResultCode.Success, first.Code);
        Assert.Equal(1, first.CheckRuns);
        Assert.Equal(0, second.CheckRuns);
        Assert.Equal(1, third.CheckRuns);
    }

    [Fact]
    public void Build_AnotherChangedFilesList_RunsAgainEvenWhenOlderThanTheStamp()
    {
        var clean = Build(MSBuildSample.Clean);
        File.SetLastWriteTimeUtc(temp.Combine("repo/" + MSBuildSample.Breaking), DateTime.UtcNow.AddDays(-1));
        var breaking = Build(MSBuildSample.Breaking);

        Assert.Equal(BuildResultCode.Success, clean.Code);
        Assert.Equal(BuildResultCode.Failure, breaking.Code);
        Assert.Equal("DC1001", Assert.Single(breaking.Errors).Code);
    }

    [Fact]
    public void Build_FailingCheck_RunsAgainOnTheNextBuild()
    {
        var first = Build(MSBuildSample.Breaking);
        var second = Build(MSBuildSample.Breaking);

        Assert.Equal((1, 1), (first.CheckRuns, second.CheckRuns));
        Assert.Equal(BuildResultCode.Failure, second.Code);
    }

    [Fact]
    public void Build_Disabled_DoesNotRun()
    {
        var result = Build(MSBuildSample.Breaking, ("DataContractsEnabled", "false"));

        Assert.Equal(BuildResultCode.Success, result.Code);
        Assert.Equal(0, result.CheckRuns);
    }

    [Fact]
    public void Build_InnerBuildOfMultiTargeting_DoesNotRun_OuterBuildDoes()
    {
        var inner = Build(MSBuildSample.Breaking, ("TargetFrameworks", "net8.0;net10.0"), ("TargetFramework", "net8.0"));
        var outer = Build(MSBuildSample.Breaking, ("TargetFrameworks", "net8.0;net10.0"), ("IsCrossTargetingBuild", "true"));

        Assert.Equal((BuildResultCode.Success, 0), (inner.Code, inner.CheckRuns));
        Assert.Equal((BuildResultCode.Failure, 1), (outer.Code, outer.CheckRuns));
    }

    [Fact]
    public void Build_MissingTool_FailsWithDC8101()
    {
        var result = Build(MSBuildSample.Breaking, ("DataContractsToolPath", temp.Combine("missing/datacontracts.dll")));

        Assert.Equal(BuildResultCode.Failure, result.Code);
        Assert.Equal(MSBuildCodes.ToolNotFound, Assert.Single(result.Errors).Code);
    }

    public void Dispose() => temp.Dispose();

    private BuildOutcome Build(string changedFiles, params (string Name, string Value)[] properties)
    {
        var globals = new Dictionary<string, string>
        {
            ["DataContractsToolPath"] = MSBuildSample.ToolPath,
            ["DataContractsChangedFiles"] = changedFiles,
            ["_DataContractsEnvironment"] = ClearedToolVariables(),
        };
        foreach (var (name, value) in properties)
        {
            globals[name] = value;
        }

        var logger = new RecordingLogger();
        using var collection = new ProjectCollection();
        var parameters = new BuildParameters(collection) { Loggers = [logger], DisableInProcNode = false, EnableNodeReuse = false, MaxNodeCount = 1 };
        var request = new BuildRequestData(project, globals, null, ["Build"], null);
        var result = BuildManager.DefaultBuildManager.Build(parameters, request);
        return new BuildOutcome(result.OverallResult, logger.Errors, logger.Warnings, logger.CheckRuns);
    }

    /// <summary>
    /// The build runs in this process, so the CLI it starts would inherit this process's CI variables (a real
    /// token, a pull request's base): each is set empty for it, through the targets' test seam.
    /// </summary>
    private static string ClearedToolVariables() => string.Join(
        '|',
        System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(ChildEnvironment.IsToolVariable).Select(name => name + "="));

    private static void WriteProject(string path)
    {
        // A plain project with a Build target: enough for the package's targets, without restoring an SDK project.
        var root = ProjectRootElement.Create(path);
        root.AddImport("$(MSBuildThisFileDirectory)../package/build/DataContracts.MSBuild.props");
        root.AddProperty("DataContractsCatalogSnapshot", "secoda-snapshot.json");
        root.AddProperty("IntermediateOutputPath", "obj/");
        root.AddTarget("Build");
        root.AddImport("$(MSBuildThisFileDirectory)../package/build/DataContracts.MSBuild.targets");
        root.Save();
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private sealed record BuildOutcome(BuildResultCode Code, IReadOnlyList<BuildErrorEventArgs> Errors, IReadOnlyList<BuildWarningEventArgs> Warnings, int CheckRuns);

    private sealed class RecordingLogger : ILogger
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public int CheckRuns { get; private set; }

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.ErrorRaised += (_, e) => Errors.Add(e);
            eventSource.WarningRaised += (_, e) => Warnings.Add(e);
            eventSource.TaskStarted += (_, e) =>
            {
                if (e.TaskName.EndsWith("DataContractsCheck", StringComparison.Ordinal))
                {
                    CheckRuns++;
                }
            };
        }

        public void Shutdown()
        {
        }
    }
}
