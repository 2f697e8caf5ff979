using System.Text.Json.Nodes;

using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Tests.GitHub;

namespace DataContracts.Tests.Security;

/// <summary>
/// Issue 20, item 12: review requests are capped, and a pull request cannot choose whom they go to: in CI only
/// owners the base's contract file names are asked. The sample project in a real git repository (main and a
/// pull request branch), the CLI in process, the fake GitHub on loopback.
/// </summary>
public sealed class ReviewRequestBoundsTests : IDisposable
{
    private const string Owners = """owners: ["@jaffle/finance-data"]""";

    private readonly TempFolder folder = new();

    private string Project => folder.Combine("project");

    [Fact]
    public async Task AThousandOwnersMakeOneBoundedRequestAndTheRestAreNamed()
    {
        var many = Enumerable.Range(1, 1000).Select(i => $"\"@user{i:0000}\"").Concat(Enumerable.Range(1, 20).Select(i => $"\"@octo/team-{i:00}\""));
        var owners = $"owners: [{string.Join(", ", many)}]";
        Repository(owners, owners);
        await using var server = await StartAsync();
        server.Collaborators.UnionWith(Enumerable.Range(1, 1000).Select(i => $"user{i:0000}"));
        server.TeamsWithAccess.UnionWith(Enumerable.Range(1, 20).Select(i => $"team-{i:00}"));

        var run = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var request = Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Equal(ReviewerPlan.MaxUsers, request.Users.Length);
        Assert.Equal(ReviewerPlan.MaxTeams, request.Teams.Length);
        Assert.Equal(["user0001", "user0002"], request.Users.Take(2));
        Assert.Contains(DiagnosticCodes.ReviewersNotRequested.Code, run.Out, StringComparison.Ordinal);
        Assert.Contains("at most 10 users and 5 teams", run.Out, StringComparison.Ordinal);
        Assert.Contains("and 985 more", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenGitHubRefusesTheWholeRequestTheSinglesAreBoundedToo()
    {
        var owners = $"owners: [{string.Join(", ", Enumerable.Range(1, 1000).Select(i => $"\"@user{i:0000}\""))}, \"@octo/everyone\"]";
        Repository(owners, owners);
        await using var server = await StartAsync(); // nobody is a collaborator: every request is refused

        var run = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.InRange(server.Requests.Count(r => r.Method == "POST"), 1, 1 + ReviewerPlan.MaxUsers + ReviewerPlan.MaxTeams);
        Assert.Contains(DiagnosticCodes.ReviewRequestFailed.Code, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersThePullRequestAddsAreNotAsked()
    {
        Repository("""owners: ["@ana", "bob@acme.com"]""", """owners: ["@ana", "@mallory", "@octo/everyone", "bob@acme.com", "carol@acme.com"]""", mapOnHead: "  \"carol@acme.com\": \"@carol\"\n");
        await using var server = await StartAsync();
        server.Collaborators.UnionWith(["ana", "bob", "carol", "mallory"]);
        server.TeamsWithAccess.Add("everyone");

        var run = await RunAsync(server);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var request = Assert.Single(server.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Equal(["ana", "bob"], request.Users.Order(StringComparer.Ordinal));
        Assert.Empty(request.Teams);
        Assert.Contains("No review was requested from @mallory, @octo/everyone, @carol", run.Out, StringComparison.Ordinal);
        Assert.Contains("added by this change", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommentNamesWhoWasNotAsked()
    {
        Repository("""owners: ["@ana"]""", """owners: ["@ana", "@mallory"]""");
        await using var server = await StartAsync();
        server.Collaborators.UnionWith(["ana", "mallory"]);

        await RunAsync(server, "--comment");

        var comment = Assert.Single(server.CommentsOn(FakeGitHub.PullRequest));
        Assert.Contains(DiagnosticCodes.ReviewersNotRequested.Code, comment.Body, StringComparison.Ordinal);
        Assert.Contains("mallory", comment.Body, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static async Task<FakeGitHubServer> StartAsync()
    {
        var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        return server;
    }

    /// <summary>The sample on main with <paramref name="onBase"/> as the orders contract's owners, and a pull request branch with <paramref name="onHead"/>.</summary>
    private void Repository(string onBase, string onHead, string mapOnHead = "")
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);
        var contracts = Path.Combine(Project, "datacontracts.yml");
        var original = File.ReadAllText(contracts);
        const string Map = "\nowners_map:\n  \"bob@acme.com\": \"@bob\"\n";
        GitRepo.Init(Project);
        File.WriteAllText(contracts, original.Replace(Owners, onBase, StringComparison.Ordinal) + Map);
        GitRepo.Run(Project, "add", "-A");
        GitRepo.Run(Project, "commit", "-q", "-m", "base");
        GitRepo.Run(Project, "update-ref", "refs/remotes/origin/main", "main");
        GitRepo.Run(Project, "checkout", "-q", "-b", "pr");
        File.WriteAllText(contracts, original.Replace(Owners, onHead, StringComparison.Ordinal) + Map + mapOnHead);
        GitRepo.Run(Project, "commit", "-q", "--allow-empty", "-am", "pull request");
        folder.Write("event.json", new JsonObject
        {
            ["number"] = FakeGitHub.PullRequest,
            ["pull_request"] = new JsonObject { ["number"] = FakeGitHub.PullRequest, ["base"] = new JsonObject { ["ref"] = "main" }, ["head"] = new JsonObject { ["sha"] = "abcdef0123456789abcdef0123456789abcdef01" } },
        }.ToJsonString());
    }

    private Task<CliRunner.Run> RunAsync(FakeGitHubServer server, params string[] extra)
    {
        var environment = FakeGitHub.Environment(server);
        environment["CI"] = "true";
        environment["GITHUB_BASE_REF"] = "main";
        environment["GITHUB_EVENT_PATH"] = folder.Combine("event.json");
        return CliRunner.RunAsync(Project, environment, null, ["check", "--request-reviewers", "--verbosity", "detailed", "--changed-files", folder.Write("changes.txt", "M\tmodels/orders.sql\n"), .. extra]);
    }
}
