using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Changes;

/// <summary>
/// What git prints is bounded like every file the tool reads: a blob at the base over 8 MiB (or a diff over
/// 64 MiB) stops git and is the coded DC3031 error, not a string that grows with the repository.
/// </summary>
public class GitOutputBoundsTests
{
    [Fact]
    public async Task AFileAtTheBaseOverTheLimitIsACodedErrorAndASmallOneIsRead()
    {
        using var repo = new GitRepo();
        repo.Write("models/huge.sql", "select 1 as id\n" + new string('-', IO.BoundedFile.MaxTextBytes) + "\n");
        repo.Write("models/small.sql", "select 2 as id\n");
        repo.Commit("base");
        var reader = new GitBaseContentReader(repo.Path, "HEAD");

        var error = await Assert.ThrowsAsync<InputException>(() => reader.ReadAsync("models/huge.sql", TestContext.Current.CancellationToken));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge.Code, diagnostic.Code);
        Assert.Contains("models/huge.sql at the base", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("select 2 as id\n", await reader.ReadAsync("models/small.sql", TestContext.Current.CancellationToken));
    }
}
