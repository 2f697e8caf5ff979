using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Maps changed plain-SQL files (those matching <c>sql.paths</c>) to the tables their statements target.
/// Added, modified and renamed files are read from the workspace; deleted files (and the old side of a
/// rename) from the diff base. One <see cref="MappedModel"/> per distinct table per changed file.
/// </summary>
internal static class SqlModelMapper
{
    /// <summary>True when <c>sql.paths</c> claims this workspace-relative path (the file need not exist).</summary>
    public static bool IsSqlModelPath(string workspaceRoot, string contractDirectory, SqlSettings settings, string workspaceRelativePath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SqlPathMatcher(workspaceRoot, contractDirectory, settings).IsMatch(workspaceRelativePath);
    }

    /// <summary>
    /// Maps the request's changes. Throws <see cref="InputException"/> (DC5001–DC5003) when a claimed file is a
    /// folder, missing, unreadable or binary; every such file is named, not only the first.
    /// </summary>
    public static async Task<ModelMapping> MapAsync(SqlMapRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var matcher = new SqlPathMatcher(request.WorkspaceRoot, request.ContractDirectory, request.Settings);
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var unmapped = ImmutableArray.CreateBuilder<string>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var errors = new List<Diagnostic>();
        var variables = SqlCmdVariables.FromCommandLine(request.SqlCmdVariables);

        foreach (var change in request.Changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sources = new List<(string File, bool FromBase)>();
            if (change.Status != ChangeStatus.Deleted && !change.HeadUnreadable && matcher.IsMatch(change.Path))
            {
                sources.Add((change.Path, false));
            }

            if ((change.Status == ChangeStatus.Deleted || change.HeadUnreadable) && matcher.IsMatch(change.Path))
            {
                sources.Add((change.Path, true));
            }

            if (change.Status == ChangeStatus.Renamed && change.OldPath is { } oldPath && matcher.IsMatch(oldPath))
            {
                sources.Add((oldPath, true));
            }

            if (sources.Count == 0)
            {
                continue;
            }

            var found = new List<(SqlTarget Target, string SourceFile)>();
            var readable = false;
            foreach (var (file, fromBase) in sources)
            {
                var text = fromBase
                    ? await ReadBaseAsync(request.BaseContent, file, change, diagnostics, errors, cancellationToken)
                    : await ReadCurrentAsync(request.WorkspaceRoot, file, errors, cancellationToken);
                if (text is null)
                {
                    continue;
                }

                readable = true;
                var extraction = SqlTargetExtractor.Analyze(text, request.Settings, file, variables, fromBase ? Severity.Warning : Severity.Error);
                errors.AddRange(extraction.Diagnostics.Where(d => d.IsError));
                diagnostics.AddRange(extraction.Diagnostics.Where(d => !d.IsError).Select(d => fromBase && d.Code == DiagnosticCodes.TSqlSyntaxError.Code ? d with { Message = $"(git base) {d.Message}" } : d));
                found.AddRange(extraction.Targets.Select(t => (t, file)));
            }

            if (found.Count == 0)
            {
                unmapped.Add(change.Path);
                if (readable)
                {
                    diagnostics.Add(DiagnosticCodes.SqlNoTargets.Create(
                        $"{change.Path} matches sql.paths but no CREATE, ALTER, INSERT, MERGE, UPDATE, DELETE or DROP statement in it names a table, so it maps to nothing.",
                        new SourceLocation(change.Path),
                        $"If it does write a table, check sql.dialect ({request.Settings.Dialect.ToString().ToLowerInvariant()}); otherwise exclude it from sql.paths with a '!' pattern."));
                }

                continue;
            }

            models.AddRange(ToModels(change, found, request.Settings));
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return new ModelMapping
        {
            Models = models.ToImmutable(),
            UnmappedFiles = unmapped.ToImmutable(),
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    private static IEnumerable<MappedModel> ToModels(ChangedFile change, List<(SqlTarget Target, string SourceFile)> found, SqlSettings settings)
    {
        var groups = found
            .Select(f => (f.Target, f.SourceFile, Table: Qualify(f.Target.Table, settings)))
            .GroupBy(f => f.Table);
        foreach (var group in groups)
        {
            var first = group.First();
            var kinds = string.Join(", ", group.Select(g => g.Target.Kind.ToSqlText()).Distinct());
            var where = first.SourceFile;
            var suffix = change.Status switch
            {
                ChangeStatus.Deleted => " (file deleted)",
                ChangeStatus.Renamed when first.SourceFile != change.Path => $" (before the rename to {change.Path})",
                _ => string.Empty,
            };
            yield return new MappedModel
            {
                File = change.Path,
                Status = change.Status,
                Id = $"sql:{first.SourceFile}:{group.Key}",
                Name = group.Key.Name,
                ModelFile = first.SourceFile,
                Table = group.Key,
                Kind = MappingKind.Sql,
                Reason = $"{kinds} in {where}{suffix}",
                Line = first.SourceFile == change.Path ? first.Target.Line : 1,
            };
        }
    }

    /// <summary>Fills parts the SQL left out from <c>sql.default_database</c> / <c>sql.default_schema</c>.</summary>
    private static TableName Qualify(TableName table, SqlSettings settings) =>
        new(
            string.IsNullOrEmpty(table.Database) ? NullIfEmpty(settings.DefaultDatabase) : table.Database,
            string.IsNullOrEmpty(table.Schema) ? NullIfEmpty(settings.DefaultSchema) : table.Schema,
            table.Name);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static async Task<string?> ReadCurrentAsync(string workspaceRoot, string file, List<Diagnostic> errors, CancellationToken cancellationToken)
    {
        var (text, error) = await SqlFileText.ReadAsync(Path.Combine(workspaceRoot, file), file, cancellationToken);
        if (error is not null)
        {
            errors.Add(error);
        }

        return text;
    }

    private static async Task<string?> ReadBaseAsync(
        IBaseContentReader reader,
        string file,
        ChangedFile change,
        ImmutableArray<Diagnostic>.Builder diagnostics,
        List<Diagnostic> errors,
        CancellationToken cancellationToken)
    {
        var text = await reader.ReadAsync(file, cancellationToken);
        if (text is null)
        {
            var what = change.Status == ChangeStatus.Deleted ? "deleted" : change.HeadUnreadable && file == change.Path ? "made a symlink leading outside the repository" : $"renamed to {change.Path}";
            diagnostics.Add(DiagnosticCodes.SqlBaseContentMissing.Create(
                $"{file} was {what}, but its previous text is not available, so the tables it defined are not checked.",
                new SourceLocation(file),
                "Run with git history (fetch-depth: 0 and --base), or name the tables in the contract with 'table:'."));
            return null;
        }

        var error = SqlFileText.CheckText(text, file);
        if (error is not null)
        {
            errors.Add(error);
            return null;
        }

        return text;
    }
}
