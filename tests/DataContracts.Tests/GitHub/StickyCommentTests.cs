using System.Text.RegularExpressions;
using DataContracts.Application;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

public partial class StickyCommentTests
{
    private static readonly CommentOptions Options = new()
    {
        RunUrl = new Uri("https://github.com/octo/shop/actions/runs/42"),
        HeadSha = "0123456789abcdef0123456789abcdef01234567",
    };

    [Fact]
    public void FailingReportMatchesTheApprovedComment() =>
        Approvals.Verify("failing-hostile-title", StickyComment.RenderReport(GitHubSamples.Failing(), Options));

    [Fact]
    public void ResolvedNoteMatchesTheApprovedComment() =>
        Approvals.Verify("resolved", StickyComment.RenderResolved(GitHubSamples.Passing(), Options));

    [Fact]
    public void ImpactOverTheLimitIsCutToTheApprovedComment() =>
        Approvals.Verify("size-limit", StickyComment.RenderReport(GitHubSamples.Huge(60), Options with { MaxLength = 6_000 }));

    [Fact]
    public void VerdictComesFirstAfterTheMarker()
    {
        var lines = StickyComment.RenderReport(GitHubSamples.Failing(), Options).Split('\n');

        Assert.Equal(CommentMarker.For("datacontracts.yml"), lines[0]);
        Assert.StartsWith("### ❌ DataContracts: FAIL", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogTextCannotInjectHtmlMentionsLinksOrMermaid()
    {
        var body = StickyComment.RenderReport(GitHubSamples.Failing(), Options);

        Assert.DoesNotContain("<script>", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript:", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(MentionPattern(), body);
        Assert.DoesNotContain("%%{init", body, StringComparison.Ordinal);

        // Exactly one fenced block (the graph), opened and closed by us: the title's ``` did not end it early.
        Assert.Equal(2, Regex.Matches(body, "^```", RegexOptions.Multiline).Count);
        var graph = body[(body.IndexOf("```mermaid", StringComparison.Ordinal) + 10)..body.LastIndexOf("```", StringComparison.Ordinal)];
        var edges = graph.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, line => Assert.Matches(GraphLinePattern(), line));

        // Every table row still has exactly the header's column count: no '|' from the catalog split a cell.
        var table = body.Split('\n').SkipWhile(l => !l.StartsWith("| changed model | verdict", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(5, table.Count);
        Assert.All(table, row => Assert.Equal(7, Regex.Matches(row, @"(?<!\\)\|").Count));
    }

    [Fact]
    public void AcknowledgedAndIgnoredConsumersAreListedApart()
    {
        var body = StickyComment.RenderReport(GitHubSamples.Failing(), Options);
        var main = body[..body.IndexOf("<details><summary>Acknowledged", StringComparison.Ordinal)];
        var apart = body[body.IndexOf("<details><summary>Acknowledged", StringComparison.Ordinal)..];

        Assert.DoesNotContain("Finance KPIs", main, StringComparison.Ordinal);
        Assert.DoesNotContain("orders\\_scratch", main, StringComparison.Ordinal);
        Assert.Contains("Finance KPIs", apart, StringComparison.Ordinal);
        Assert.Contains("orders\\_scratch | table | 1 | ignored by policy", apart, StringComparison.Ordinal);
        Assert.Contains("acknowledged: Moves to orders\\_v2 &lt;b&gt;this&lt;/b&gt; release", apart, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeImpactStaysUnderGitHubsLimitAndPointsToTheJobSummary()
    {
        var result = GitHubSamples.Huge(3_000);
        var uncut = StickyComment.RenderReport(result, Options with { MaxLength = int.MaxValue });
        var body = StickyComment.RenderReport(result, Options);

        Assert.True(uncut.Length > CommentOptions.GitHubMaxLength, "the sample must be over the limit to test anything");
        Assert.True(body.Length <= CommentOptions.GitHubMaxLength, $"{body.Length} characters");
        Assert.True(body.Length > CommentOptions.GitHubMaxLength - 2_000, "cutting should keep as much as fits");
        Assert.StartsWith(CommentMarker.For("datacontracts.yml"), body, StringComparison.Ordinal);
        Assert.Contains("### ❌ DataContracts: FAIL", body, StringComparison.Ordinal);
        Assert.Matches(@"\| … \| \| [0-9]+ more: see the job summary", body);
        Assert.Contains("[the full report is in the job summary](https://github.com/octo/shop/actions/runs/42)", body, StringComparison.Ordinal);
        Assert.Contains("**Coverage:**", body, StringComparison.Ordinal);
        Assert.DoesNotContain("```mermaid", body, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallImpactGetsTheFullGraphAndLargeImpactASummaryByType()
    {
        var small = StickyComment.RenderReport(GitHubSamples.Failing(), Options);
        var large = StickyComment.RenderReport(GitHubSamples.Huge(30), Options);

        Assert.Contains("```mermaid", small, StringComparison.Ordinal);
        Assert.DoesNotContain("summarised by type", small, StringComparison.Ordinal);
        Assert.Contains("```mermaid", large, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Lineage graph (summarised by type and verdict:", large, StringComparison.Ordinal);
        var graph = large[large.IndexOf("```mermaid", StringComparison.Ordinal)..];
        Assert.All(graph[..graph.IndexOf("\n```\n", StringComparison.Ordinal)].Split('\n').Skip(2), line => Assert.Matches(GraphLinePattern(), line));
    }

    [Fact]
    public void MarkerIsPerContractFileAndCannotCloseTheHtmlComment()
    {
        Assert.NotEqual(CommentMarker.For("datacontracts.yml"), CommentMarker.For("warehouse/datacontracts.yml"));
        var hostile = CommentMarker.For("a --> b <!-- c.yml");
        Assert.StartsWith("<!-- ", hostile, StringComparison.Ordinal);
        Assert.EndsWith(" -->", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("-->", hostile[4..^4], StringComparison.Ordinal);
        Assert.DoesNotContain("--", hostile[4..^4], StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyACommentThatStartsWithTheMarkerIsOurs()
    {
        var marker = CommentMarker.For("datacontracts.yml");
        Assert.True(CommentMarker.IsMarked(marker + "\n### report", marker));
        Assert.False(CommentMarker.IsMarked("> quoting the bot:\n> " + marker, marker));
        Assert.False(CommentMarker.IsMarked(CommentMarker.For("other.yml") + "\n", marker));
    }

    [Fact]
    public void ErrorResultSaysTheCheckCouldNotComplete()
    {
        var result = CheckResult.ForError([DataContracts.Diagnostics.DiagnosticCodes.GitHubUnavailable.Create("Secoda could not be reached.")], serviceFailed: true, new CheckStats(), "/repo");
        var body = StickyComment.RenderReport(result, Options);

        Assert.Contains("### ❌ DataContracts: ERROR — could not complete the check", body, StringComparison.Ordinal);
        Assert.Contains("Secoda could not be reached", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("@[A-Za-z0-9]")]
    private static partial Regex MentionPattern();

    // Nodes with inert labels, edges, and our own colour classes (fixed text, no catalog input).
    [GeneratedRegex(@"^  (n[0-9]+(\[\[?""[^""\[\]`<>@|]*""\]\]?)|n[0-9]+ --> n[0-9]+|classDef (fail|warn|spared|acknowledged|apart) [a-z0-9:#,. -]+|class n[0-9]+(,n[0-9]+)* (fail|warn|spared|acknowledged|apart))$")]
    private static partial Regex GraphLinePattern();
}
