using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>
/// Keeps changed files inside the repository. A list entry with <c>..</c>, or a file (or folder on its way) that
/// is a symlink pointing outside the root, would make the tool read whatever the runner can read; such entries
/// are dropped with a DC3030 warning and never opened.
/// </summary>
internal static class RepositoryConfinement
{
    public static ChangeSet Confine(ChangeSet changes)
    {
        var root = RealPath(Path.GetFullPath(changes.WorkspaceRoot)) ?? Path.GetFullPath(changes.WorkspaceRoot);
        var kept = ImmutableArray.CreateBuilder<ChangedFile>();
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var file in changes.Files)
        {
            var outside = new[] { file.Path, file.OldPath }.OfType<string>().FirstOrDefault(p => !IsInside(root, changes.WorkspaceRoot, p, file.Status));
            if (outside is null)
            {
                kept.Add(file);
                continue;
            }

            warnings.Add(DiagnosticCodes.PathOutsideRepository.Create(
                $"The changed file '{outside}' leads outside the repository (through '..' or a symlink), so it was not read or checked.",
                new SourceLocation(changes.Description),
                "List paths inside the repository; a model that is a symlink must point to a file inside the repository."));
        }

        return warnings.Count == 0 ? changes : changes with { Files = kept.ToImmutable(), Diagnostics = changes.Diagnostics.AddRange(warnings) };
    }

    private static bool IsInside(string realRoot, string workspaceRoot, string relative, ChangeStatus status)
    {
        var lexical = Path.GetFullPath(Path.Combine(workspaceRoot, relative));
        if (!Within(Path.GetFullPath(workspaceRoot), lexical))
        {
            return false;
        }

        // A deleted file is read from git, not from disk; what is on disk now does not matter.
        return status == ChangeStatus.Deleted || (RealPath(lexical) is { } real && Within(realRoot, real));
    }

    private static bool Within(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !relative.StartsWith("..\\", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>The path with every symlink on the way resolved (parts that do not exist are kept as written); null for a link loop.</summary>
    private static string? RealPath(string fullPath)
    {
        var current = Path.GetPathRoot(fullPath)!;
        foreach (var part in fullPath[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not null)
                {
                    current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(current)!);
                }
            }
            catch (IOException)
            {
                // A link loop or an unreadable link leads nowhere inside.
                return null;
            }
        }

        return current;
    }
}
