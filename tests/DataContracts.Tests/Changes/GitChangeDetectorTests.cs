using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Changes;

public class GitChangeDetectorTests
{
    [Fact]
    public async Task FindsAddedModifiedDeletedAndRenamedFilesOfTheBranch()
    {
        using var repo = new GitRepo();
        repo.Write("models/orders.sql", "select 1 as id\n");
        repo.Write("models/customers.sql", "select 2 as id\n");
        repo.Write("models/old_name.sql", string.Join('\n', Enumerable.Range(0, 30).Select(i => $"select {i} as c{i}")) + "\n");
        repo.Write("models/gone.sql", "select 3\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("models/orders.sql", "select 1 as id, 2 as amount\n");
        repo.Write("models/new_model.sql", "select 4\n");
        repo.Git("mv", "models/old_name.sql", "models/new_name.sql");
        repo.Delete("models/gone.sql");
        repo.Commit("change");

        var changes = await GitChangeDetector.DetectAsync(repo.Path, "main", "HEAD", TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new ChangedFile("models/gone.sql", ChangeStatus.Deleted),
                new ChangedFile("models/new_model.sql", ChangeStatus.Added),
                new ChangedFile("models/new_name.sql", ChangeStatus.Renamed, "models/old_name.sql"),
                new ChangedFile("models/orders.sql", ChangeStatus.Modified),
            ],
            changes.Files);
        Assert.Equal("select 3\n", await changes.BaseContent.ReadAsync("models/gone.sql", TestContext.Current.CancellationToken));
        Assert.Null(await changes.BaseContent.ReadAsync("models/new_model.sql", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ComparesAgainstTheMergeBaseSoChangesOnTheBaseBranchAreNotCounted()
    {
        using var repo = new GitRepo();
        repo.Write("a.sql", "select 1\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("mine.sql", "select 2\n");
        repo.Commit("feature");
        repo.Git("checkout", "-q", "main");
        repo.Write("theirs.sql", "select 3\n");
        repo.Commit("main moved on");
        repo.Git("checkout", "-q", "feature");

        var changes = await GitChangeDetector.DetectAsync(repo.Path, "main", "HEAD", TestContext.Current.CancellationToken);

        Assert.Equal([new ChangedFile("mine.sql", ChangeStatus.Added)], changes.Files);
    }

    [Fact]
    public async Task WithoutAHeadTheWorkingTreeAndUntrackedFilesCount()
    {
        using var repo = new GitRepo();
        repo.Write("a.sql", "select 1\n");
        repo.Commit("base");
        repo.Write("a.sql", "select 2\n");
        repo.Write("b.sql", "select 3\n");

        var changes = await GitChangeDetector.DetectAsync(repo.Path, "main", null, TestContext.Current.CancellationToken);

        Assert.Equal([new ChangedFile("a.sql", ChangeStatus.Modified), new ChangedFile("b.sql", ChangeStatus.Added)], changes.Files);
    }

    [Fact]
    public async Task AShallowCloneSaysToFetchHistory()
    {
        using var origin = new GitRepo();
        origin.Write("a.sql", "select 1\n");
        origin.Commit("one");
        origin.Write("a.sql", "select 2\n");
        origin.Commit("two");
        origin.Git("checkout", "-q", "-b", "feature");
        origin.Write("b.sql", "select 3\n");
        origin.Commit("three");
        using var clones = new TempFolder();
        GitRepo.Run(clones.Path, "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + origin.Path, "shallow");

        var error = await Assert.ThrowsAsync<InputException>(() =>
            GitChangeDetector.DetectAsync(clones.Combine("shallow"), "origin/main", "HEAD", TestContext.Current.CancellationToken));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.ShallowClone.Code, diagnostic.Code);
        Assert.Contains("fetch-depth: 0", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownBaseIsAnInputErrorWithAHint()
    {
        using var repo = new GitRepo();
        repo.Write("a.sql", "select 1\n");
        repo.Commit("base");

        var error = await Assert.ThrowsAsync<InputException>(() =>
            GitChangeDetector.DetectAsync(repo.Path, "origin/HEAD", null, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.UnknownGitRef.Code, error.Diagnostics[0].Code);
        Assert.Contains("--base", error.Diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideARepositoryTheErrorPointsAtChangedFiles()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<InputException>(() =>
            GitChangeDetector.DetectAsync(folder.Path, "main", null, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.NotAGitRepository.Code, error.Diagnostics[0].Code);
        Assert.Contains("--changed-files", error.Diagnostics[0].Hint, StringComparison.Ordinal);
    }
}
