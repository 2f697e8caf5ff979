using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Changes;

public class ChangedFilesListTests
{
    [Fact]
    public void ReadsPlainPathsAndNameStatusLines()
    {
        using var folder = new TempFolder();
        folder.Write("models/a.sql", "select 1");
        var text = "# a comment\nmodels/a.sql\r\nmodels/deleted.sql\nA\tmodels/new.sql\nR087\tmodels/old.sql\tmodels/renamed.sql\nD\tmodels/x.sql\n\n";

        var changes = ChangedFilesList.Parse(text, "changed.txt", folder.Path);

        Assert.Equal(
            [
                new ChangedFile("models/a.sql", ChangeStatus.Modified),
                new ChangedFile("models/deleted.sql", ChangeStatus.Deleted),
                new ChangedFile("models/new.sql", ChangeStatus.Added),
                new ChangedFile("models/renamed.sql", ChangeStatus.Renamed, "models/old.sql"),
                new ChangedFile("models/x.sql", ChangeStatus.Deleted),
            ],
            changes.Files);
    }

    [Fact]
    public void AbsolutePathsInsideTheWorkspaceBecomeRelative()
    {
        using var folder = new TempFolder();
        var full = folder.Write("models/a.sql", "select 1");

        var changes = ChangedFilesList.Parse(full + "\n./models/b.sql\n", "list", folder.Path);

        Assert.Equal(["models/a.sql", "models/b.sql"], changes.Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData("\n\n# only comments\n", "DC3011", 0)]
    [InlineData("models/a.sql\n/elsewhere/b.sql\n", "DC3012", 2)]
    [InlineData("bin\0ary", "DC3010", 0)]
    public void BadListsAreInputErrorsWithTheLine(string text, string code, int line)
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<InputException>(() => ChangedFilesList.Parse(text, "changed.txt", folder.Path));

        Assert.Equal(code, error.Diagnostics[0].Code);
        Assert.Equal(line, error.Diagnostics[0].Location!.Line);
        Assert.Equal("changed.txt", error.Diagnostics[0].Location!.File);
    }

    [Fact]
    public async Task AFolderInsteadOfAFileIsAnInputError()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<InputException>(() => ChangedFilesList.ReadAsync(folder.Path, folder.Path, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.ChangedFilesListUnreadable.Code, error.Diagnostics[0].Code);
    }
}
