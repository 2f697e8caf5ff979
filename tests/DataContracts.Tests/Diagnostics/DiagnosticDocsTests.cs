using DataContracts.Diagnostics;

namespace DataContracts.Tests.Diagnostics;

public class DiagnosticDocsTests
{
    public static TheoryData<string> Codes() => [.. DiagnosticCodes.All.Select(d => d.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCodeHasADocumentationPage(string code)
    {
        var descriptor = DiagnosticCodes.All.Single(d => d.Code == code);
        var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", code + ".md");

        Assert.True(File.Exists(page), $"docs/diagnostics/{code}.md is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {code}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains("## How to fix", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CodesAreUniqueAndWellFormed()
    {
        Assert.NotEmpty(DiagnosticCodes.All);
        Assert.Equal(DiagnosticCodes.All.Count, DiagnosticCodes.All.Select(d => d.Code).Distinct().Count());
        Assert.All(DiagnosticCodes.All, d => Assert.Matches("^DC[1-9][0-9]{3}$", d.Code));
    }
}
