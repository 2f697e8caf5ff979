using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping.Sql;

namespace DataContracts.Mapping.SqlProj;

/// <summary>The two sides of one changed object, as <see cref="SqlProjSource.MapAsync"/> read them.</summary>
internal sealed record SqlObjectSides(SqlObjectFacts? Base, SqlObjectFacts? Head, bool HasBase, string? BaseUnreadable, string? RenamedTo = null);

/// <summary>
/// The third mapping source beside dbt and plain SQL: the SQL Server database projects of <c>sqlproj.projects</c>.
/// A changed Build item maps to the tables, views, procedures and functions it creates or alters, named
/// <c>database.schema.name</c> (Secoda's SQL Server naming). Both revisions of each file are read once, here,
/// and kept for classifying the change.
/// </summary>
internal sealed class SqlProjSource
{
    private readonly ImmutableArray<(SqlProject Project, SqlCmdVariables Variables)> _projects;
    private readonly string _workspaceRoot;
    private readonly Dictionary<string, SqlObjectSides> _sides = new(StringComparer.Ordinal);

    private SqlProjSource(ImmutableArray<(SqlProject, SqlCmdVariables)> projects, string workspaceRoot)
    {
        _projects = projects;
        _workspaceRoot = workspaceRoot;
    }

    public ImmutableArray<SqlProject> Projects => [.. _projects.Select(p => p.Project)];

    /// <summary>Reads every project; all unreadable ones are reported together (DC5101, DC5102).</summary>
    public static SqlProjSource Open(SqlProjSettings settings, string contractDirectory, string workspaceRoot, IReadOnlyDictionary<string, string> commandLine)
    {
        var projects = ImmutableArray.CreateBuilder<(SqlProject, SqlCmdVariables)>();
        var errors = new List<Diagnostic>();
        foreach (var path in settings.Projects)
        {
            try
            {
                var project = SqlProjectReader.Read(Path.GetFullPath(path, contractDirectory), workspaceRoot, settings.Database);
                projects.Add((project, SqlProjectVariables.For(project, commandLine, settings)));
            }
            catch (InputException ex)
            {
                errors.AddRange(ex.Diagnostics);
            }
        }

        return errors.Count > 0 ? throw new InputException(errors) : new SqlProjSource(projects.ToImmutable(), workspaceRoot);
    }

    /// <summary>The classification evidence of a model this source mapped; null for any other model.</summary>
    public SqlObjectSides? SidesOf(MappedModel model) => _sides.GetValueOrDefault(model.Id);

    public async Task<ModelMapping> MapAsync(IReadOnlyList<ChangedFile> changes, IBaseContentReader baseContent, CancellationToken cancellationToken)
    {
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var unmapped = ImmutableArray.CreateBuilder<string>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(_projects.SelectMany(p => p.Project.Diagnostics));
        var errors = new List<Diagnostic>();
        var read = new List<(ChangedFile Change, SqlProject Project, TSqlScriptFacts? Head, TSqlScriptFacts? Base, string? BaseUnreadable)>();

        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_projects.FirstOrDefault(p => IsProjectFile(p.Project, change)).Project is { } changedProject)
            {
                unmapped.Add(change.Path);
                diagnostics.Add(DiagnosticCodes.SqlProjFileChanged.Create(
                    $"The database project {changedProject.RelativePath} changed: its Build items, database name or SQLCMD defaults may change what it deploys, and a project file's own changes are not classified.",
                    new SourceLocation(change.Path),
                    "Review the project file's diff; the .sql files this change touches are checked on their own."));
                continue;
            }

            var headPath = change.Status == ChangeStatus.Deleted ? null : change.Path;
            var basePath = change.Status == ChangeStatus.Renamed ? change.OldPath : change.Status == ChangeStatus.Added ? null : change.Path;
            var owner = Owner(headPath ?? basePath!) ?? (basePath is null ? null : Owner(basePath));
            if (owner is not { } found)
            {
                if (Outside(change.Path) is { } note)
                {
                    unmapped.Add(change.Path);
                    diagnostics.Add(note);
                }

                continue;
            }

            var (project, variables) = found;
            TSqlScriptFacts? head = null;
            if (headPath is not null)
            {
                var (text, error) = await SqlFileText.ReadAsync(Path.Combine(_workspaceRoot, headPath), headPath, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    errors.Add(error);
                    continue;
                }

                head = TSqlScriptReader.Read(text!, Options(headPath, project, variables));
                errors.AddRange(head.Diagnostics.Where(d => d.IsError));
                diagnostics.AddRange(head.Diagnostics.Where(d => !d.IsError));
            }

            TSqlScriptFacts? @base = null;
            string? baseUnreadable = null;
            if (basePath is not null && baseContent is not NoBaseContent)
            {
                var text = await baseContent.ReadAsync(basePath, cancellationToken).ConfigureAwait(false);
                if (text is null)
                {
                    baseUnreadable = $"{basePath} could not be read at the git base";
                }
                else
                {
                    // The base is history: its problems are warnings, and they say which revision they are about.
                    @base = TSqlScriptReader.Read(text, Options(basePath, project, variables) with { Severity = Severity.Warning });
                    diagnostics.AddRange(@base.Diagnostics.Select(d => d with { Message = $"(git base) {d.Message}" }));
                    baseUnreadable = @base.HasErrors ? $"{basePath} does not parse at the git base" : null;
                }
            }

            read.Add((change, project, head, @base, baseUnreadable));
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        // An object moved to another changed file is compared with its new place, not reported as dropped.
        var heads = read.SelectMany(r => r.Head?.Objects ?? []).GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var (change, project, head, @base, baseUnreadable) in read)
        {
            var before = @base?.Objects ?? [];
            var after = head?.Objects ?? [];
            var names = after.Select(o => o.Name).Concat(before.Select(o => o.Name)).Distinct().ToList();
            if (names.Count == 0)
            {
                unmapped.Add(change.Path);
                if (head is { HasErrors: false })
                {
                    diagnostics.Add(DiagnosticCodes.SqlProjNoObjects.Create(
                        $"{change.Path} is a Build item of {project.RelativePath} but creates no table, view, procedure or function, so it maps to nothing.",
                        new SourceLocation(change.Path),
                        "Security, schema and index scripts have no downstream consumers in the catalog; if this file does define a table, name it in a contract with 'table:'."));
                }

                continue;
            }

            foreach (var name in names)
            {
                var now = after.FirstOrDefault(o => o.Name.Equals(name));
                var then = before.FirstOrDefault(o => o.Name.Equals(name));
                var facts = now ?? then!;
                var id = $"sqlproj:{change.Path}:{name}";
                // One object of the same kind replaced by one new name in the same file: a rename, said as one.
                var renamedTo = now is null && after.Where(o => o.Kind == facts.Kind && !before.Any(b => b.Name.Equals(o.Name))).ToList() is [var single] ? single.Name.ToString() : null;
                _sides[id] = new SqlObjectSides(then, now ?? heads.GetValueOrDefault(name),
                    @base is not null || change.Status == ChangeStatus.Added, baseUnreadable, renamedTo);
                models.Add(new MappedModel
                {
                    File = change.Path,
                    Status = change.Status,
                    Id = id,
                    Name = name.Name,
                    ModelFile = now is not null ? change.Path : change.OldPath ?? change.Path,
                    Table = name,
                    Kind = MappingKind.SqlProject,
                    Reason = now is null
                        ? $"{facts.Describe()} no longer defined in {change.Path}{(change.Status == ChangeStatus.Deleted ? " (file deleted)" : string.Empty)}"
                        : $"{facts.Describe()} in {change.Path} ({project.RelativePath})",
                    Line = now?.Line ?? 1,
                });
            }
        }

        return new ModelMapping
        {
            Models = models.ToImmutable(),
            UnmappedFiles = unmapped.ToImmutable(),
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    private static TSqlReadOptions Options(string file, SqlProject project, SqlCmdVariables variables) =>
        new(file, variables) { SqlServerVersion = project.SqlServerVersion, DefaultDatabase = project.DatabaseName };

    private bool IsProjectFile(SqlProject project, ChangedFile change) =>
        string.Equals(change.Path, project.RelativePath, StringComparison.OrdinalIgnoreCase)
        || string.Equals(change.OldPath, project.RelativePath, StringComparison.OrdinalIgnoreCase);

    private (SqlProject Project, SqlCmdVariables Variables)? Owner(string workspaceRelativePath)
    {
        var full = Path.GetFullPath(workspaceRelativePath, _workspaceRoot);
        foreach (var entry in _projects)
        {
            if (BuildItemMatcher.StateOf(entry.Project, full) == BuildItemState.Included)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>A .sql file in a project's folder that is not one of its Build items: said, not silently skipped.</summary>
    private Diagnostic? Outside(string workspaceRelativePath)
    {
        if (!workspaceRelativePath.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var full = Path.GetFullPath(workspaceRelativePath, _workspaceRoot);
        foreach (var (project, _) in _projects)
        {
            var relative = Path.GetRelativePath(project.Directory, full).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                continue;
            }

            var why = BuildItemStateText(BuildItemMatcher.StateOf(project, full), project);
            return DiagnosticCodes.SqlProjNotBuildItem.Create(
                $"{workspaceRelativePath} is in the folder of {project.RelativePath} but is not a Build item ({why}): it is not part of the database model, so it is not checked.",
                new SourceLocation(workspaceRelativePath),
                "If it should deploy, add it as a Build item (or remove the 'Build Remove=' that takes it out); if not, nothing to do.");
        }

        return null;
    }

    private static string BuildItemStateText(BuildItemState state, SqlProject project) => state switch
    {
        BuildItemState.Removed => "a 'Build Remove=' or an item's 'Exclude=' takes it out",
        BuildItemState.DeployScript => "it is a pre- or post-deployment script",
        _ when project.IsSdkStyle => "the SDK's default items are off and no Build item names it",
        _ => "no Build item names it",
    };
}
