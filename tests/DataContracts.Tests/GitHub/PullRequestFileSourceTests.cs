using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

public class PullRequestFileSourceTests
{
    [Fact]
    public async Task ShallowCloneFailureIsReplacedByThePullRequestFileList()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest, [.. Enumerable.Range(1, 120).Select(i => new FakeGitHubFile($"models/m{i:000}.sql")), new FakeGitHubFile("models/b.sql", "renamed", "models/a.sql")]);
        var shallow = new InputException(DiagnosticCodes.ShallowClone.Create("This is a shallow clone."));

        var changes = await new PullRequestFileSource(FakeGitHub.Gateway(server), FakeGitHub.PullRequest).ReadAsync("/repo", shallow, TestContext.Current.CancellationToken);

        Assert.Equal(121, changes.Files.Length);
        Assert.Contains(new ChangedFile("models/b.sql", ChangeStatus.Renamed, "models/a.sql"), changes.Files);
        Assert.Equal("/repo", changes.WorkspaceRoot);
        var note = Assert.Single(changes.Diagnostics);
        Assert.Equal(DiagnosticCodes.ChangesFromPullRequest.Code, note.Code);
        Assert.Contains(DiagnosticCodes.ShallowClone.Code, note.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DC3003", true)]
    [InlineData("DC3002", true)]
    [InlineData("DC3001", false)]
    [InlineData("DC3010", false)]
    public void OnlyMissingHistoryIsReplaced(string code, bool replaced)
    {
        var descriptor = DiagnosticCodes.All.Single(d => d.Code == code);

        Assert.Equal(replaced, PullRequestFileSource.CanReplace(new InputException(descriptor.Create("x"))));
    }
}
