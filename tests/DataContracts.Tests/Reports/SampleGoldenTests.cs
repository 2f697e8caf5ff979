using System.Text.RegularExpressions;

namespace DataContracts.Tests.Reports;

/// <summary>
/// Every rendering of the bundled sample's blocking change (samples/jaffle_shop, changed-files-breaking.txt) against
/// its approved output, through the command line. Only what differs between runs is masked: the repository path,
/// elapsed times and timestamps.
/// </summary>
public partial class SampleGoldenTests
{
    [Theory]
    [InlineData("text", "jaffle_shop.breaking.txt")]
    [InlineData("markdown", "jaffle_shop.breaking.md")]
    [InlineData("json", "jaffle_shop.breaking.json")]
    [InlineData("junit", "jaffle_shop.breaking.junit.xml")]
    [InlineData("sarif", "jaffle_shop.breaking.sarif.json")]
    public async Task TheSampleRendersAsApproved(string format, string golden)
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null,
            "check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", format);

        Assert.Equal(1, run.ExitCode);
        GoldenFiles.Verify(golden, Mask(run.Out));
    }

    /// <summary>Masks the repository (or <paramref name="root"/>) path, elapsed times and timestamps.</summary>
    internal static string Mask(string output, string? root = null)
    {
        root = (root ?? RepositoryPaths.Root).TrimEnd('/', '\\');
        var text = output.Replace(root, "<root>", StringComparison.Ordinal);
        text = Elapsed().Replace(text, "${1}<n>${2}");
        text = Timestamp().Replace(text, "<timestamp>");
        return text;
    }

    [GeneratedRegex(@"(""elapsedMs"": |time="")[0-9.]+(""?)|(?<=· )[0-9]+(?= ms)")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();
}
