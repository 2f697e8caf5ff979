using DataContracts.Tests.MSBuild;
using Microsoft.Build.Evaluation;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// The native tool is compiled from these projects, so their Release builds (what is packed, and what
/// <c>.ci/run</c> builds) must run the trim and AOT analyzers. Debug builds skip them for speed; ILC checks
/// the same rules in every native compile. Read from the SDK's own evaluation of each project file.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class TrimAnalysisTests
{
    public static TheoryData<string> ToolProjects { get; } =
        ["DataContracts.Core", "DataContracts.Secoda", "DataContracts.GitHub", "DataContracts.Tool"];

    [Theory]
    [MemberData(nameof(ToolProjects))]
    public void ReleaseBuildsRunTheTrimAndAotAnalyzersAndDebugBuildsDoNot(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "src", name, name + ".csproj");
        using var collection = new ProjectCollection();

        var release = new Project(path, new Dictionary<string, string> { ["Configuration"] = "Release" }, null, collection);
        var debug = new Project(path, new Dictionary<string, string> { ["Configuration"] = "Debug" }, null, collection);

        Assert.Equal("true", release.GetPropertyValue("EnableTrimAnalyzer"), ignoreCase: true);
        Assert.Equal("true", release.GetPropertyValue("EnableAotAnalyzer"), ignoreCase: true);
        Assert.Equal("true", release.GetPropertyValue("TreatWarningsAsErrors"), ignoreCase: true);
        Assert.NotEqual("true", debug.GetPropertyValue("EnableTrimAnalyzer"), StringComparer.OrdinalIgnoreCase);
    }
}
