using DataContracts.MSBuild;

namespace DataContracts.Tests.MSBuild;

/// <summary>The MSBuild-only codes (they are not in the core's DiagnosticCodes) have pages too, and stay in their range.</summary>
[Collection(MSBuildCollection.Name)]
public class MSBuildDiagnosticDocsTests
{
    [Fact]
    public void EveryMSBuildCodeHasADocumentationPage()
    {
        Assert.NotEmpty(MSBuildCodes.Titles);
        foreach (var (code, title) in MSBuildCodes.Titles)
        {
            Assert.Matches("^DC81[0-9]{2}$", code);
            var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", code + ".md");
            Assert.True(File.Exists(page), $"docs/diagnostics/{code}.md is missing");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {code}: {title}", text, StringComparison.Ordinal);
            Assert.Contains("## What it means", text, StringComparison.Ordinal);
            Assert.Contains("## How to fix", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheTargetsUseOnlyDocumentedCodes()
    {
        var targets = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "DataContracts.MSBuild", "build", "DataContracts.MSBuild.targets"));
        var codes = System.Text.RegularExpressions.Regex.Matches(targets, "Code=\"(DC[0-9]{4})\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Contains(c, MSBuildCodes.Titles.Keys));
    }
}
