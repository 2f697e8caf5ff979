using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>
/// Keeps changed files inside the repository. A list entry with <c>..</c> names no file of the repository and is
/// dropped with a DC3030 warning. A file of the repository that is a symlink leading outside it (or into a loop)
/// is never opened, but it is still a change: it stays in the set marked <see cref="ChangedFile.HeadUnreadable"/>,
/// is mapped through the manifest or the git base, and its change counts as unknown (DC3041).
/// </summary>
internal static class RepositoryConfinement
{
    public static ChangeSet Confine(ChangeSet changes, CancellationToken cancellationToken)
    {
        var paths = new RealPaths(cancellationToken);
        var root = paths.Resolve(Path.GetFullPath(changes.WorkspaceRoot)) ?? Path.GetFullPath(changes.WorkspaceRoot);
        var kept = ImmutableArray.CreateBuilder<ChangedFile>();
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var file in changes.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var escaping = new[] { file.Path, file.OldPath }.OfType<string>().FirstOrDefault(p => !IsLexicallyInside(changes.WorkspaceRoot, p));
            if (escaping is not null)
            {
                warnings.Add(DiagnosticCodes.PathOutsideRepository.Create(
                    $"The changed file '{escaping}' leads outside the repository (through '..'), so it was not read or checked.",
                    new SourceLocation(changes.Description),
                    "List paths inside the repository."));
                continue;
            }

            // A deleted file is read from git, not from disk; what is on disk now does not matter.
            if (file.Status != ChangeStatus.Deleted && !IsReallyInside(paths, root, changes.WorkspaceRoot, file.Path))
            {
                warnings.Add(DiagnosticCodes.ChangedFileUnreadable.Create(
                    $"The changed file '{file.Path}' is a symlink that leads outside the repository (or into a loop), so it was not read: it is mapped through the dbt manifest or the git base, and its change counts as unknown.",
                    new SourceLocation(file.Path),
                    "A model that is a symlink must point to a file inside the repository; replace the link with the file."));
                kept.Add(file with { HeadUnreadable = true });
                continue;
            }

            kept.Add(file);
        }

        return warnings.Count == 0 ? changes : changes with { Files = kept.ToImmutable(), Diagnostics = changes.Diagnostics.AddRange(warnings) };
    }

    private static bool IsLexicallyInside(string workspaceRoot, string relative) =>
        Within(Path.GetFullPath(workspaceRoot), Path.GetFullPath(Path.Combine(workspaceRoot, relative)));

    private static bool IsReallyInside(RealPaths paths, string realRoot, string workspaceRoot, string relative) =>
        paths.Resolve(Path.GetFullPath(Path.Combine(workspaceRoot, relative))) is { } real && Within(realRoot, real);

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it.</summary>
    public static bool Within(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !relative.StartsWith("..\\", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
