using Microsoft.Extensions.FileSystemGlobbing;

namespace DataContracts.Mapping.SqlProj;

/// <summary>Why a file is or is not part of the project's model, for the message that says so.</summary>
internal enum BuildItemState
{
    /// <summary>A Build item: part of the database model.</summary>
    Included,

    /// <summary>Never included: SDK default items are off or the project is classic and no item names it.</summary>
    NotIncluded,

    /// <summary>Included, then taken out by a <c>Build Remove=</c> or an item's <c>Exclude=</c>.</summary>
    Removed,

    /// <summary>A pre- or post-deployment script: run by the deploy, not part of the model.</summary>
    DeployScript,
}

/// <summary>
/// Decides whether a path is a <c>Build</c> item of a project the way MSBuild evaluates items for one file: the
/// SDK's default glob first, then every element in document order, a later Remove undoing an earlier Include.
/// Matching is on path strings, so deleted files are judged by the same rule.
/// </summary>
internal static class BuildItemMatcher
{
    public static BuildItemState StateOf(SqlProject project, string fullPath)
    {
        var relative = Path.GetRelativePath(project.Directory, fullPath).Replace('\\', '/');
        if (project.DeployScripts.Any(p => Matches(project.Directory, p, fullPath)))
        {
            return BuildItemState.DeployScript;
        }

        var state = project.DefaultItems && IsDefaultItem(relative) ? BuildItemState.Included : BuildItemState.NotIncluded;
        foreach (var item in project.BuildItems)
        {
            var hit = item.Patterns.Any(p => Matches(project.Directory, p, fullPath));
            if (!hit)
            {
                continue;
            }

            if (item.Action == ProjectItemAction.Remove)
            {
                state = state == BuildItemState.Included ? BuildItemState.Removed : state;
            }
            else if (item.Excludes.Any(p => Matches(project.Directory, p, fullPath)))
            {
                state = state == BuildItemState.Included ? state : BuildItemState.Removed;
            }
            else
            {
                state = BuildItemState.Included;
            }
        }

        return state;
    }

    /// <summary>Microsoft.Build.Sql's default: <c>**/*.sql</c> under the project folder, minus bin/, obj/ and dot-folders.</summary>
    private static bool IsDefaultItem(string relative)
    {
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) || !relative.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var first = relative.Split('/')[0];
        return !first.Equals("bin", StringComparison.OrdinalIgnoreCase) && !first.Equals("obj", StringComparison.OrdinalIgnoreCase)
            && !relative.Split('/').SkipLast(1).Any(part => part.StartsWith('.'));
    }

    private static bool Matches(string projectDirectory, string pattern, string fullPath)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            return string.Equals(Path.GetFullPath(pattern, projectDirectory), fullPath, StringComparison.OrdinalIgnoreCase);
        }

        // A glob may climb out of the project folder (../Shared/**/*.sql): match from where its fixed part points.
        var parts = pattern.Split('/');
        var fixedParts = parts.TakeWhile(p => p.IndexOfAny(['*', '?']) < 0).Count();
        var baseDirectory = Path.GetFullPath(string.Join('/', parts.Take(fixedParts)), projectDirectory);
        var relative = Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');
        if (Path.IsPathRooted(relative) || relative.StartsWith("../", StringComparison.Ordinal))
        {
            return false;
        }

        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        matcher.AddInclude(string.Join('/', parts.Skip(fixedParts)));
        return matcher.Match(relative).HasMatches;
    }
}
