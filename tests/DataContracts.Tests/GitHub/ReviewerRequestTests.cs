using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// <c>--request-reviewers</c> end to end (the command line in-process, the fake GitHub on loopback): the owners of
/// the contract with blocking impact are asked once, users as reviewers and teams by slug; GitHub's refusals are
/// warnings that never change the exit code.
/// </summary>
public sealed class ReviewerRequestTests : IDisposable
{
    private const string Breaking = "M\tmodels/orders.sql\n";

    private readonly TempFolder folder = new();

    public ReviewerRequestTests()
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);
        var contracts = Path.Combine(Project, "datacontracts.yml");
        File.WriteAllText(contracts, File.ReadAllText(contracts)
            .Replace("""owners: ["@jaffle/finance-data"]""", """owners: ["@octo/finance-data", "@ana", "bob@acme.com", "@other-org/analytics", "Carol from Finance", "@contributor"]""", StringComparison.Ordinal)
            + "\nowners_map:\n  \"Bob@Acme.com\": \"@bob\"\n");
        folder.Write("event.json", """{ "number": 7, "pull_request": { "number": 7, "base": { "ref": "main" }, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } } }""");
    }

    private string Project => folder.Combine("project");

    [Fact]
    public async Task OwnersAreAskedOnceAsUsersAndTeamsAndNotAgainOnTheNextPush()
    {
        await using var server = await StartAsync();
        server.TeamsWithAccess.Add("finance-data");

        var first = await RunAsync(server);
        var second = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, first.ExitCode);
        Assert.Equal(ExitCodes.ContractViolation, second.ExitCode);
        var request = Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Equal(["ana", "bob"], request.Users.Order(StringComparer.Ordinal));
        Assert.Equal(["finance-data"], request.Teams);
        Assert.Single(server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/requested_reviewers", StringComparison.Ordinal));
        Assert.Contains(DiagnosticCodes.ReviewsRequested.Code, first.Out, StringComparison.Ordinal);

        // Not a handle, another organisation's team: said once, nobody asked for them. The author is never asked.
        Assert.Contains(DiagnosticCodes.OwnerNotAHandle.Code, first.Out, StringComparison.Ordinal);
        Assert.Contains("'@other-org/analytics'", first.Out, StringComparison.Ordinal);
        Assert.Contains("'Carol from Finance'", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Body?.Contains("contributor", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ATeamWithoutAccessIsAWarningTheOthersAreStillAskedAndTheExitCodeIsUnchanged()
    {
        await using var server = await StartAsync();

        var without = await CliRunner.RunAsync(Project, Environment(server), null, "check", "--changed-files", folder.Write("changes.txt", Breaking));
        var with = await RunAsync(server);

        Assert.Equal(without.ExitCode, with.ExitCode);
        Assert.Contains(DiagnosticCodes.ReviewRequestFailed.Code, with.Out, StringComparison.Ordinal);
        Assert.Contains("team finance-data", with.Out, StringComparison.Ordinal);
        Assert.Equal(["ana", "bob"], server.PullRequest(FakeGitHub.PullRequest).RequestedUsers.Order(StringComparer.Ordinal));
        Assert.Empty(server.PullRequest(FakeGitHub.PullRequest).RequestedTeams);
        Assert.DoesNotContain(server.Token, with.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOwnerWhoHasReviewedIsNotAskedAgainOnTheNextPush()
    {
        await using var server = await StartAsync();
        server.TeamsWithAccess.Add("finance-data");

        await RunAsync(server);
        server.SubmitReview(FakeGitHub.PullRequest, "ana");
        var second = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, second.ExitCode);
        Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.DoesNotContain("ana", server.PullRequest(FakeGitHub.PullRequest).RequestedUsers);
    }

    [Fact]
    public async Task ATeamWhoseMemberReviewedIsNotAskedAgainOnTheNextPush()
    {
        await using var server = await StartAsync();
        server.TeamsWithAccess.Add("finance-data");

        await RunAsync(server);
        server.SubmitReview(FakeGitHub.PullRequest, "carol", forTeam: "finance-data");
        var second = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, second.ExitCode);
        Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Empty(server.PullRequest(FakeGitHub.PullRequest).RequestedTeams);
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path.EndsWith($"/issues/{FakeGitHub.PullRequest}/events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewersAskedBySomeoneElseAreNotAskedAgain()
    {
        await using var server = await StartAsync();
        server.TeamsWithAccess.Add("finance-data");
        server.PullRequest(FakeGitHub.PullRequest).RequestedUsers.UnionWith(["ana", "bob"]);
        server.PullRequest(FakeGitHub.PullRequest).RequestedTeams.Add("finance-data");

        var run = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Empty(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
    }

    [Fact]
    public async Task ReviewsAreStillRequestedWhenPastReviewsAndPendingRequestsCannotBeListed()
    {
        await using var server = await StartAsync();
        server.TeamsWithAccess.Add("finance-data");
        var forbidden = new FakeGitHubResponse(403, """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}""");
        server.OnRequest = r => r.Method == "GET" && (r.Path.EndsWith("/reviews", StringComparison.Ordinal) || r.Path.EndsWith("/requested_reviewers", StringComparison.Ordinal)) ? forbidden : null;

        var run = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path.EndsWith("/reviews", StringComparison.Ordinal));
        var request = Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Equal(["ana", "bob"], request.Users.Order(StringComparer.Ordinal));
        Assert.Contains(DiagnosticCodes.ReviewsRequested.Code, run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static async Task<FakeGitHubServer> StartAsync()
    {
        var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.Collaborators.UnionWith(["ana", "bob", "contributor"]);
        return server;
    }

    private Dictionary<string, string?> Environment(FakeGitHubServer server)
    {
        var environment = FakeGitHub.Environment(server);
        environment["GITHUB_EVENT_PATH"] = folder.Combine("event.json");
        return environment;
    }

    private Task<CliRunner.Run> RunAsync(FakeGitHubServer server) =>
        CliRunner.RunAsync(Project, Environment(server), null, "check", "--request-reviewers", "--verbosity", "detailed", "--changed-files", folder.Write("changes.txt", Breaking));
}
