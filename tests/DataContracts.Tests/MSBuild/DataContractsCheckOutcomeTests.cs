using DataContracts.MSBuild;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DataContracts.Tests.MSBuild;

/// <summary>The per-project half of the build's one check: the verdict, the report copy, and no silent pass.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class DataContractsCheckOutcomeTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void APassingOutcome_GivesTheVerdictAndWritesTheReportCopy()
    {
        var (task, engine) = Create(Outcome("pass", "{\"result\":\"pass\"}"));

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal("pass", task.Result);
        Assert.Equal("{\"result\":\"pass\"}", File.ReadAllText(task.ReportFile));
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void NoOutcomeFromACheckThatSucceeded_IsAnErrorNotAPass()
    {
        var (task, engine) = Create();
        Directory.CreateDirectory(Path.GetDirectoryName(task.ReportFile)!);
        File.WriteAllText(task.ReportFile, "a report of an earlier build");

        Assert.False(task.Execute());

        Assert.Equal("error", task.Result);
        Assert.Equal(MSBuildCodes.ToolFailed, Assert.Single(engine.Errors).Code);
        Assert.False(File.Exists(task.ReportFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fail")]
    [InlineData("maybe")]
    public void AnOutcomeWithoutAPassingVerdictFromACheckThatSucceeded_IsAnError(string verdict)
    {
        var (task, engine) = Create(Outcome(verdict, string.Empty));

        Assert.False(task.Execute());

        Assert.Equal("error", task.Result);
        Assert.Equal(MSBuildCodes.ToolFailed, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void AFailedCheck_GivesItsVerdictWithoutLoggingItsErrorsAgain()
    {
        var (task, engine) = Create(Outcome("fail", "{\"result\":\"fail\"}"));
        task.CheckFailed = true;

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal("fail", task.Result);
        Assert.Empty(engine.Errors);
        Assert.True(File.Exists(task.ReportFile));
    }

    public void Dispose() => temp.Dispose();

    private static TaskItem Outcome(string result, string report)
    {
        var item = new TaskItem("datacontracts");
        ITaskItem2 literal = item;
        literal.SetMetadataValueLiteral("Result", result);
        literal.SetMetadataValueLiteral("Diagnostics", "0");
        literal.SetMetadataValueLiteral("Report", report);
        return item;
    }

    private (DataContractsCheckOutcome Task, MockEngine Engine) Create(params ITaskItem[] outcome)
    {
        var engine = new MockEngine(temp.Combine("Warehouse.csproj"));
        return (new DataContractsCheckOutcome { BuildEngine = engine, Outcome = outcome, ReportFile = temp.Combine("obj/datacontracts.json") }, engine);
    }
}
