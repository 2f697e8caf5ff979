using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>
/// An explicit list of changed files (<c>--changed-files FILE|-</c>): one path a line, relative to the
/// workspace root. Lines may also be in <c>git diff --name-status</c> form (<c>M\tpath</c>,
/// <c>R100\told\tnew</c>), which is what the fork-safe workflow collects, so deletions and renames survive.
/// Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal static class ChangedFilesList
{
    public static async Task<ChangeSet> ReadAsync(string path, string workspaceRoot, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
            {
                throw new InputException(DiagnosticCodes.ChangedFilesListUnreadable.Create(
                    "The changed-files list is a folder, not a file.", new SourceLocation(path),
                    "Pass a text file with one path a line, or '-' to read standard input."));
            }

            text = await IO.BoundedFile.ReadAllTextAsync(path, path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.ChangedFilesListUnreadable.Create(
                $"The changed-files list cannot be read: {e.Message}", new SourceLocation(path),
                "Check the path given to --changed-files."));
        }

        return Parse(text, path, workspaceRoot);
    }

    public static ChangeSet Parse(string text, string sourceName, string workspaceRoot)
    {
        if (text.Length > IO.BoundedFile.MaxTextBytes)
        {
            // Standard input is read one character past the limit (BoundedFile.ReadAtMostAsync), never whole.
            throw IO.BoundedFile.TooLarge(sourceName == "-" ? "The changed-files list on standard input" : sourceName, IO.BoundedFile.MaxTextBytes);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new InputException(DiagnosticCodes.ChangedFilesListUnreadable.Create(
                "The changed-files list is a binary file, not text.", new SourceLocation(sourceName),
                "Pass a text file with one path a line."));
        }

        var files = new List<ChangedFile>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            files.Add(ParseLine(line, new SourceLocation(sourceName, i + 1, 1), workspaceRoot));
        }

        if (files.Count == 0)
        {
            throw new InputException(DiagnosticCodes.ChangedFilesListEmpty.Create(
                "The changed-files list names no files, so there is nothing to check.", new SourceLocation(sourceName),
                "If nothing changed, skip the check; otherwise check how the list was produced (for example 'git diff --name-only base...head')."));
        }

        return new ChangeSet
        {
            WorkspaceRoot = workspaceRoot,
            Files = [.. files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal)],
            Description = sourceName == "-" ? "standard input" : Path.GetFileName(sourceName),
        };
    }

    private static ChangedFile ParseLine(string line, SourceLocation location, string workspaceRoot)
    {
        var fields = line.Split('\t');
        if (fields.Length >= 2 && IsStatus(fields[0]))
        {
            var status = fields[0][0];
            if (status is 'R' && fields.Length >= 3)
            {
                return new ChangedFile(Normalize(fields[2], location, workspaceRoot), ChangeStatus.Renamed, Normalize(fields[1], location, workspaceRoot));
            }

            var kind = status switch
            {
                'A' or 'C' => ChangeStatus.Added,
                'D' => ChangeStatus.Deleted,
                _ => ChangeStatus.Modified,
            };
            return new ChangedFile(Normalize(fields[^1], location, workspaceRoot), kind);
        }

        var path = Normalize(line.Trim(), location, workspaceRoot);
        var exists = Path.Exists(Path.Combine(workspaceRoot, path));
        return new ChangedFile(path, exists ? ChangeStatus.Modified : ChangeStatus.Deleted);
    }

    private static bool IsStatus(string field) =>
        field.Length >= 1 && "AMDRTCU".Contains(field[0], StringComparison.Ordinal) && field.Skip(1).All(char.IsAsciiDigit);

    private static string Normalize(string raw, SourceLocation location, string workspaceRoot)
    {
        var path = raw.Trim().Replace('\\', '/');
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.Any(char.IsControl))
        {
            throw new InputException(DiagnosticCodes.ChangedFilesListBadLine.Create(
                "This line of the changed-files list is not a file path.", location,
                "Write one path a line, relative to the repository root."));
        }

        if (Path.IsPathRooted(path))
        {
            var relative = Path.GetRelativePath(workspaceRoot, path).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new InputException(DiagnosticCodes.ChangedFilesListBadLine.Create(
                    $"'{raw.Trim()}' is outside the workspace '{workspaceRoot}'.", location,
                    "List paths relative to the repository root."));
            }

            path = relative;
        }

        return path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
    }
}
