using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Hosting;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

/// <summary>Mentions are opt-in and only for owners owners_map names; everything else stays escaped.</summary>
public class OwnerMentionTests
{
    private static readonly ImmutableDictionary<string, string> Map =
        ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("ANA@example.com", "@ana")]);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task AMappedOwnerIsMentionedOnlyWhenOptedIn(bool mention, bool classified)
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        var result = GitHubSamples.Failing() with { OwnersMap = Map };
        if (classified)
        {
            // The layout of a run with production state (the normal CI path): one row per consumer.
            var breaking = new ChangeClassification { Class = ChangeClass.Breaking, Evidence = Evidence.Catalog, Reasons = [ChangeReason.Other("relation removed")] };
            result = result with
            {
                Changes = [.. result.Changes.Select(c => c with { Classification = breaking })],
                Impacts = [.. result.Impacts.Select(i => i with { Source = i.Source with { Classification = breaking } })],
            };
            Assert.True(DataContracts.Reports.ChangeSummary.Applies(result));
        }

        await GitHubReporter.PublishAsync(result, FakeGitHub.Context(server), new GitHubPublishOptions { Comment = true, MentionOwners = mention }, null, null, TestContext.Current.CancellationToken);

        var body = Assert.Single(server.CommentsOn(FakeGitHub.PullRequest)).Body;
        Assert.Equal(mention, body.Contains("| @ana |", StringComparison.Ordinal) || body.Contains(", @ana |", StringComparison.Ordinal));
        Assert.Contains("@\u2060ceo", body, StringComparison.Ordinal); // not mapped: escaped either way
        Assert.Contains("@\u2060acme/everyone", body, StringComparison.Ordinal); // catalog text: escaped either way
        Assert.DoesNotContain("ana@example", body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJobSummaryNeverMentions()
    {
        var markdown = DataContracts.Reports.MarkdownReport.Render(GitHubSamples.Failing() with { OwnersMap = Map });

        Assert.DoesNotContain("@ana", markdown, StringComparison.Ordinal);
        Assert.Contains("ana@\u2060example", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkflowRunEventGivesItsHeadAndName()
    {
        using var folder = new TempFolder();
        var path = folder.Write("event.json", """{ "workflow_run": { "head_sha": "1111111111111111111111111111111111111111", "pull_requests": [] } }""");

        var context = GitHubContext.FromEnvironment(new DictionaryEnvironment(new Dictionary<string, string?>
        {
            ["GITHUB_EVENT_NAME"] = "workflow_run",
            ["GITHUB_EVENT_PATH"] = path,
            ["GITHUB_SHA"] = "ffffffffffffffffffffffffffffffffffffffff",
        }), pullRequestOverride: 12);

        Assert.True(context.IsWorkflowRun);
        Assert.Equal("1111111111111111111111111111111111111111", context.WorkflowRunHeadSha);
        Assert.Equal("1111111111111111111111111111111111111111", context.HeadSha);
        Assert.Equal(12, context.PullRequestNumber);
    }

    [Fact]
    public void TheStatusDescriptionFitsGitHubsLimitAndAnErrorIsNeverSuccess()
    {
        var huge = CommitStatus.For(GitHubSamples.Huge(5000), null);
        var error = CommitStatus.For(CheckResult.ForError([], serviceFailed: true, new CheckStats(), "/repo"), null);

        Assert.Equal(CommitStatusState.Failure, huge.State);
        Assert.True(huge.Description.Length <= CommitStatus.MaxDescriptionLength);
        Assert.Equal(CommitStatusState.Error, error.State);
        Assert.Equal(CommitStatusState.Success, CommitStatus.For(GitHubSamples.Passing(), null).State);
    }
}
