using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

/// <summary>Every DC2xxx code has its page in docs/diagnostics, titled as the descriptor, and no page is orphaned.</summary>
public class ContractDiagnosticDocsTests
{
    private static readonly string DocsDir = Path.Combine(RepositoryRoot(), "docs", "diagnostics");

    public static TheoryData<string> Codes => [.. DiagnosticCodes.All.Where(d => d.Code.StartsWith("DC2", StringComparison.Ordinal)).Select(d => d.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void CodeHasAPageWithTitleAndSections(string code)
    {
        var descriptor = DiagnosticCodes.All.Single(d => d.Code == code);
        var path = Path.Combine(DocsDir, code + ".md");
        Assert.True(File.Exists(path), $"{path} is missing");

        var lines = File.ReadAllLines(path);
        Assert.Equal($"# {code}: {descriptor.Title}", lines[0]);
        var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["## What it means", "## Common causes", "## How to fix"], sections);
        Assert.Contains(lines, l => l.StartsWith("```", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDc2PageHasACode()
    {
        var codes = DiagnosticCodes.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.EnumerateFiles(DocsDir, "DC2*.md").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page!, codes));
    }

    [Fact]
    public void Dc2CodesAreUniqueAndInRange()
    {
        var codes = DiagnosticCodes.All.Where(d => d.Code.StartsWith("DC2", StringComparison.Ordinal)).Select(d => d.Code).ToArray();

        Assert.True(codes.Length >= 20);
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^DC2[0-9]{3}$", c));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataContracts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DataContracts.sln not found above " + AppContext.BaseDirectory);
    }
}
