using DataContracts.Contracts;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Decides which workspace paths <c>sql.paths</c> claims. Matching is done on path strings, never on the
/// disk, so deleted and renamed-away files match too. A pattern starting with <c>!</c> excludes.
/// </summary>
internal sealed class SqlPathMatcher
{
    private readonly Matcher _matcher = new(StringComparison.OrdinalIgnoreCase);
    private readonly string _workspaceRoot;
    private readonly string _contractDirectory;
    private readonly bool _empty;

    public SqlPathMatcher(string workspaceRoot, string contractDirectory, SqlSettings settings)
    {
        _workspaceRoot = Path.GetFullPath(workspaceRoot);
        _contractDirectory = Path.GetFullPath(contractDirectory);
        var includes = 0;
        foreach (var pattern in settings.Paths)
        {
            var trimmed = pattern.Trim().Replace('\\', '/');
            if (trimmed.StartsWith('!'))
            {
                _matcher.AddExclude(trimmed[1..].TrimStart('/'));
            }
            else if (trimmed.Length > 0)
            {
                _matcher.AddInclude(trimmed.StartsWith("./", StringComparison.Ordinal) ? trimmed[2..] : trimmed);
                includes++;
            }
        }

        _empty = includes == 0;
    }

    public bool IsMatch(string? workspaceRelativePath)
    {
        if (_empty || string.IsNullOrWhiteSpace(workspaceRelativePath))
        {
            return false;
        }

        var full = Path.GetFullPath(Path.Combine(_workspaceRoot, workspaceRelativePath));
        var relative = Path.GetRelativePath(_contractDirectory, full).Replace('\\', '/');
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal))
        {
            return false;
        }

        return _matcher.Match(relative).HasMatches;
    }
}
