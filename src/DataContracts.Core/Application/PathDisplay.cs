using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>
/// One convention for paths in results: relative to the workspace root (what git and GitHub annotations
/// use) when inside it, absolute otherwise. Renderers turn them into what their audience needs.
/// </summary>
internal static class PathDisplay
{
    public static string ToWorkspaceRelative(string file, string workspaceRoot)
    {
        if (!Path.IsPathRooted(file))
        {
            return file.Replace('\\', '/');
        }

        var relative = Path.GetRelativePath(workspaceRoot, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative.Replace('\\', '/');
    }

    public static Diagnostic Normalize(Diagnostic diagnostic, string workspaceRoot) =>
        diagnostic.Location is { } location
            ? diagnostic with { Location = location with { File = ToWorkspaceRelative(location.File, workspaceRoot) } }
            : diagnostic;
}
