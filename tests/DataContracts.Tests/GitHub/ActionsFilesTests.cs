using DataContracts.GitHub;
using DataContracts.Hosting;

namespace DataContracts.Tests.GitHub;

public class ActionsFilesTests
{
    [Fact]
    public async Task WritesOutputsWithTheMultiLineSafeSyntaxAndTheSummary()
    {
        using var folder = new TempFolder();
        var output = folder.Write("output.txt", "earlier=step\n");
        var summary = folder.Write("summary.md", string.Empty);
        var context = new GitHubContext { IsActions = true, OutputPath = output, StepSummaryPath = summary };

        var warnings = await ActionsFiles.WriteAsync(GitHubSamples.Failing(), context, "/tmp/report.json", TestContext.Current.CancellationToken);

        Assert.Empty(warnings);
        var text = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
        Assert.Matches("(?m)^result<<ghadelimiter_[0-9a-f]{32}$", text);
        var parsed = ActionsFiles.ParseOutputs(text);
        Assert.Equal("step", parsed["earlier"]);
        Assert.Equal("fail", parsed["result"]);
        Assert.Equal("3", parsed["impacted-count"]);
        Assert.Equal("/tmp/report.json", parsed["report-path"]);
        Assert.Contains("### ❌ DataContracts: FAIL", await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void AValueCannotEndItsBlockEarly()
    {
        var text = ActionsFiles.FormatOutputs([new("report-path", "a\nEOF\nresult=pass")], "ghadelimiter_x");
        var parsed = ActionsFiles.ParseOutputs(text);

        Assert.Equal("a\nEOF\nresult=pass", parsed["report-path"]);
        Assert.False(parsed.ContainsKey("result"));
        Assert.Throws<ArgumentException>(() => ActionsFiles.FormatOutputs([new("x", "ghadelimiter_x")], "ghadelimiter_x"));
    }

    [Fact]
    public async Task UnwritableOutputFileIsAWarning()
    {
        using var folder = new TempFolder();
        var context = new GitHubContext { IsActions = true, OutputPath = folder.Path };

        var warnings = await ActionsFiles.WriteAsync(GitHubSamples.Failing(), context, null, TestContext.Current.CancellationToken);

        Assert.Equal(DataContracts.Diagnostics.DiagnosticCodes.ActionsFileNotWritten.Code, Assert.Single(warnings).Code);
    }

    [Fact]
    public void MasksEveryLineOfEverySecret()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "ghs_abc", ["SECODA_API_TOKEN"] = "line1\nline2" });

        Assert.Equal("::add-mask::ghs_abc\n::add-mask::line1\n::add-mask::line2\n", ActionsFiles.MaskCommands(environment));
    }
}
