using System.Collections.Immutable;
using DataContracts.Changes;

namespace DataContracts.Tests.Changes;

/// <summary>
/// Resolving a changed path's symlinks is linear in its length and honours cancellation: a changed-files line of
/// 200,000 segments took minutes (quadratic) and ignored --timeout. The work is counted, not timed.
/// </summary>
public class RealPathsTests
{
    private const int Segments = 200_000;

    [Fact]
    public void A200000SegmentPathThatLeavesTheFileSystemEarlyCostsAHandfulOfQuestions()
    {
        using var folder = new TempFolder();
        var deep = Path.Combine(folder.Path, string.Join('/', Enumerable.Repeat("a", Segments)), "x.sql");
        var paths = new RealPaths(TestContext.Current.CancellationToken);

        var real = paths.Resolve(deep);

        Assert.Equal(deep, real);
        Assert.True(paths.Probes <= 3 * (folder.Path.Count(c => c == '/') + 2), $"{paths.Probes} file system questions");
    }

    [Fact]
    public void ALinkToItsOwnFolderRepeatedOnAPathStopsAfterTheKernelsLinkLimit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var folder = new TempFolder();
        Directory.CreateSymbolicLink(folder.Combine("a"), ".");
        var deep = Path.Combine(folder.Path, string.Join('/', Enumerable.Repeat("a", Segments)), "x.sql");
        var paths = new RealPaths(TestContext.Current.CancellationToken);

        var real = paths.Resolve(deep);

        Assert.Null(real);
        // Each link restarts from its target (a few parts here): bounded by the link limit, not by the 200,000 segments.
        Assert.True(paths.Probes <= 2 * (RealPaths.MaxLinks + 1) * (folder.Path.Count(c => c == '/') + 3), $"{paths.Probes} file system questions");
    }

    [Fact]
    public void TheWorkGrowsLinearlyWithTheNumberOfExistingFolders()
    {
        using var folder = new TempFolder();
        var nested = folder.Path;
        for (var i = 0; i < 200; i++)
        {
            nested = Path.Combine(nested, "d");
        }

        Directory.CreateDirectory(nested);
        var paths = new RealPaths(TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(nested, "x.sql"), paths.Resolve(Path.Combine(nested, "x.sql")));
        Assert.True(paths.Probes <= 3 * (200 + folder.Path.Count(c => c == '/') + 2), $"{paths.Probes} file system questions");
    }

    [Fact]
    public void ACancelledRunStopsResolving()
    {
        using var folder = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var changes = new ChangeSet
        {
            WorkspaceRoot = folder.Path,
            Files = [.. Enumerable.Range(0, 1000).Select(i => new ChangedFile(string.Join('/', Enumerable.Repeat("a", 2000)) + $"/{i}.sql", ChangeStatus.Modified))],
            Description = "changed.txt",
        };

        Assert.Throws<OperationCanceledException>(() => RepositoryConfinement.Confine(changes, cancelled.Token));
    }

    [Fact]
    public void AModelThatIsASymlinkOutsideTheRepositoryIsKeptAsUnreadableNotDropped()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var target = outside.Write("secret.sql", "select 1;\n");
        Directory.CreateDirectory(folder.Combine("models"));
        File.CreateSymbolicLink(folder.Combine("models/orders.sql"), target);
        var changes = new ChangeSet
        {
            WorkspaceRoot = folder.Path,
            Files = [new ChangedFile("models/orders.sql", ChangeStatus.Modified), new ChangedFile("../escape.sql", ChangeStatus.Modified)],
            Description = "changed.txt",
        };

        var confined = RepositoryConfinement.Confine(changes, TestContext.Current.CancellationToken);

        var kept = Assert.Single(confined.Files);
        Assert.Equal("models/orders.sql", kept.Path);
        Assert.True(kept.HeadUnreadable);
        Assert.Equal(["DC3030", "DC3041"], confined.Diagnostics.Select(d => d.Code).Order().ToImmutableArray());
    }
}
