using System.Text.RegularExpressions;
using DataContracts.MSBuild;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Level (a): the task against a hand-written build engine. The task runs the real CLI on a copy of the
/// MSBuild sample; the assertions are on what a developer sees in the build log.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class DataContractsCheckTaskTests : IDisposable
{
    private readonly TempFolder temp = new();

    public DataContractsCheckTaskTests() => MSBuildSample.CopyTo(temp.Path);

    [Fact]
    public void BlockingImpact_LogsErrorAtModelFileAndLine()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal("DC1001", error.Code);
        Assert.Equal(temp.Combine("warehouse/orders.sql"), error.File);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(1, error.ColumnNumber);
        Assert.Contains("Finance KPIs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hint:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("/docs/diagnostics/DC1001.md", error.HelpLink, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);
        Assert.Equal("fail", task.Result);
        Assert.True(File.Exists(task.ReportFile));
    }

    [Fact]
    public void WarnContract_LogsWarningAndSucceeds()
    {
        var (task, engine) = CreateTask(MSBuildSample.Warning);

        Assert.True(task.Execute(), engine.Log);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("DC1002", warning.Code);
        Assert.Equal(temp.Combine("warehouse/customers.sql"), warning.File);
        Assert.Equal(2, warning.LineNumber);
        Assert.Empty(engine.Errors);
        Assert.Equal("warn", task.Result);
    }

    [Fact]
    public void WarningsAsErrors_TurnsTheWarningIntoAnError()
    {
        var (task, engine) = CreateTask(MSBuildSample.Warning);
        task.WarningsAsErrors = true;

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal("DC1002", error.Code);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void NoImpact_LogsNothingButTheVerdict()
    {
        var (task, engine) = CreateTask(MSBuildSample.Clean);

        Assert.True(task.Execute(), engine.Log);

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal("pass", task.Result);
        Assert.Contains(engine.Messages, m => m.Message!.StartsWith("datacontracts: pass", StringComparison.Ordinal));
    }

    [Fact]
    public void NoTokenAndNoSnapshot_NamesTheVariableAndThePropertyToSet()
    {
        var (task, engine) = CreateTask(MSBuildSample.Clean);
        task.CatalogSnapshot = null;

        Assert.False(task.Execute(), engine.Log);

        var error = Assert.Single(engine.Errors);
        Assert.Equal("DC8002", error.Code);
        Assert.Contains("SECODA_API_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataContractsCatalogSnapshot", error.Message, StringComparison.Ordinal);
        Assert.Equal("error", task.Result);
    }

    [Fact]
    public void MissingTool_SaysWhichPropertyPointsAtIt()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);
        task.ToolAssembly = temp.Combine("nowhere/datacontracts.dll");

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(MSBuildCodes.ToolNotFound, error.Code);
        Assert.Contains("DataContractsToolPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Combine("nowhere/datacontracts.dll"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolThatWritesNoReport_IsOneCodedErrorWithTheExitCode()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);
        task.ToolAssembly = temp.Write("broken/datacontracts.dll", "this is not an assembly");

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(MSBuildCodes.ToolFailed, error.Code);
        Assert.Matches("exited with code -?[1-9][0-9]*", error.Message);
        Assert.DoesNotContain(engine.Errors, e => e.Code == "MSB6006");
    }

    [Fact]
    public void WithoutReportFile_TheOutcomeCarriesTheReportAndNoFileIsLeft()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);
        task.ReportFile = null;

        Assert.False(task.Execute(), engine.Log);

        Assert.Equal("DC1001", Assert.Single(engine.Errors).Code);
        Assert.Equal("fail", task.Outcome.GetMetadata("Result"));
        Assert.Equal("1", task.Outcome.GetMetadata("Diagnostics"));
        Assert.Matches("\"result\":\\s*\"fail\"", task.Outcome.GetMetadata("Report"));
        Assert.Contains("Finance KPIs", task.Outcome.GetMetadata("Report"), StringComparison.Ordinal);
        var written = Regex.Match(task.CommandLine, "--report (\\S+)").Groups[1].Value;
        Assert.StartsWith(Path.GetTempPath(), written, StringComparison.Ordinal);
        Assert.False(File.Exists(written), written);
    }

    [Fact]
    public void MissingTool_TheOutcomeIsAnErrorWithoutReport()
    {
        var (task, _) = CreateTask(MSBuildSample.Breaking);
        task.ToolAssembly = temp.Combine("nowhere/datacontracts.dll");

        Assert.False(task.Execute());

        Assert.Equal(("error", "0", string.Empty), (task.Outcome.GetMetadata("Result"), task.Outcome.GetMetadata("Diagnostics"), task.Outcome.GetMetadata("Report")));
    }

    [Fact]
    public void CommandLine_PassesEveryPropertyAsAnAbsolutePath()
    {
        var (task, _) = CreateTask(MSBuildSample.Breaking);
        task.BaseRef = "origin/main";
        task.Manifest = temp.Combine("target/manifest.json");
        task.State = temp.Combine("prod-artifacts") + "/";
        task.WarningsAsErrors = true;
        task.TimeoutSeconds = 42;

        var commandLine = task.CommandLine;

        Assert.Contains(" check --format msbuild", commandLine, StringComparison.Ordinal);
        Assert.Contains("--report " + task.ReportFile, commandLine, StringComparison.Ordinal);
        Assert.Contains("--contracts " + temp.Combine("datacontracts.yml"), commandLine, StringComparison.Ordinal);
        Assert.Contains("--changed-files " + temp.Combine(MSBuildSample.Breaking), commandLine, StringComparison.Ordinal);
        Assert.Contains("--catalog-snapshot " + temp.Combine("secoda-snapshot.json"), commandLine, StringComparison.Ordinal);
        Assert.Contains("--manifest " + temp.Combine("target/manifest.json"), commandLine, StringComparison.Ordinal);
        Assert.Contains("--base origin/main", commandLine, StringComparison.Ordinal);
        Assert.Contains("--state " + temp.Combine("prod-artifacts") + " ", commandLine, StringComparison.Ordinal);
        Assert.Contains("--warnings-as-errors", commandLine, StringComparison.Ordinal);
        Assert.Contains("--timeout 42", commandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportMessages_AreLoggedVerbatim()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);
        var report = new CheckReport("warn", "datacontracts.yml", [new ReportDiagnostic("DC1002", "warning", "Consumer {0} of {name}", null, "warehouse/orders.sql", 3, 5)]);

        task.LogReport(report);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("Consumer {0} of {name}", warning.Message);
        Assert.Equal(temp.Combine("warehouse/orders.sql"), warning.File);
        Assert.Equal((3, 5), (warning.LineNumber, warning.ColumnNumber));
    }

    [Fact]
    public void ReportPaths_AreJoinedToTheReportsWorkspaceRoot()
    {
        var (task, engine) = CreateTask(MSBuildSample.Breaking);

        // The contract file seen from a repository root two levels up: its relative name is no suffix of the
        // task's path, which is where guessing the root produced doubled paths (samples/msbuild/samples/msbuild/...).
        var root = temp.Combine("elsewhere/repo");
        var report = new CheckReport("error", "samples/msbuild/datacontracts.yml", [new ReportDiagnostic("DC4003", "error", "not a manifest", null, "samples/msbuild/target/manifest.json", 1, 1)])
        {
            ReportedWorkspaceRoot = root,
        };

        task.LogReport(report);

        var error = Assert.Single(engine.Errors);
        Assert.Equal(Path.Combine(root, "samples", "msbuild", "target", "manifest.json"), error.File);
    }

    public void Dispose() => temp.Dispose();

    private (DataContractsCheck Task, MockEngine Engine) CreateTask(string changedFiles)
    {
        var engine = new MockEngine(temp.Combine("Warehouse.csproj"));
        var task = new DataContractsCheck
        {
            BuildEngine = engine,
            ToolAssembly = MSBuildSample.ToolPath,
            ReportFile = temp.Combine("obj/datacontracts.json"),
            ContractsFile = temp.Combine("datacontracts.yml"),
            ChangedFiles = temp.Combine(changedFiles),
            CatalogSnapshot = temp.Combine("secoda-snapshot.json"),
            TimeoutSeconds = 120,

            // The CI running these tests may hold a real token, a pull request's base or CI markers (which turn on
            // the CI-only trust rules, such as comparing the policy with the base's); the child must not see them.
            EnvironmentVariables = ["SECODA_API_TOKEN=", "GITHUB_BASE_REF=", "CI=", "GITHUB_ACTIONS="],
        };
        Directory.CreateDirectory(temp.Combine("obj"));
        return (task, engine);
    }
}
