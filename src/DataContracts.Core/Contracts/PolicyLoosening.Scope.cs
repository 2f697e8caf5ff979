using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary>
/// The scope: what the check looks at. A pull request that moves <c>dbt.project_dir</c>, drops a <c>sql.paths</c>
/// glob or a database project, or renames the default database or schema its SQL maps to, makes its own changed
/// files "not models" (or tables the catalog does not know): as good as a waiver, so it is one.
/// </summary>
internal static partial class PolicyLoosening
{
    private static void FindInScope(ContractFile baseFile, ContractFile head, SourceLocation file, ImmutableArray<Loosening>.Builder found)
    {
        if (baseFile.Dbt is { } dbt && !string.Equals(Folder(dbt.ProjectDir), Folder(head.Dbt?.ProjectDir ?? "."), StringComparison.Ordinal))
        {
            found.Add(new(head.Dbt is null ? $"the dbt section is removed (project_dir '{dbt.ProjectDir}' on the base)" : $"dbt.project_dir is '{head.Dbt.ProjectDir}', '{dbt.ProjectDir}' on the base", file));
        }

        if (baseFile.Sql is { } sql)
        {
            foreach (var glob in sql.Paths.Except(head.Sql?.Paths ?? [], StringComparer.Ordinal))
            {
                found.Add(new($"sql.paths no longer lists '{glob}'", file));
            }

            Moved("sql.default_database", sql.DefaultDatabase, head.Sql?.DefaultDatabase, file, found);
            Moved("sql.default_schema", sql.DefaultSchema, head.Sql?.DefaultSchema, file, found);
        }

        if (baseFile.SqlProj is { } projects)
        {
            foreach (var project in projects.Projects.Except(head.SqlProj?.Projects ?? [], StringComparer.Ordinal))
            {
                found.Add(new($"sqlproj.projects no longer lists '{project}'", head.SqlProj?.Location ?? file));
            }

            Moved("sqlproj.database", projects.Database, head.SqlProj?.Database, head.SqlProj?.Location ?? file, found);
        }
    }

    /// <summary>The head's scope with the base's put back: its project folder and names, and every glob and project it listed.</summary>
    private static ContractFile StrictestScope(ContractFile baseFile, ContractFile head)
    {
        var strict = head;
        if (baseFile.Dbt is { } dbt)
        {
            strict = strict with { Dbt = (head.Dbt ?? dbt) with { ProjectDir = dbt.ProjectDir } };
        }

        if (baseFile.Sql is { } sql)
        {
            var now = head.Sql ?? sql;
            strict = strict with
            {
                Sql = now with
                {
                    Paths = [.. now.Paths, .. sql.Paths.Except(now.Paths, StringComparer.Ordinal)],
                    DefaultDatabase = sql.DefaultDatabase,
                    DefaultSchema = sql.DefaultSchema,
                },
            };
        }

        if (baseFile.SqlProj is { } projects)
        {
            var now = head.SqlProj ?? projects;
            var missing = Enumerable.Range(0, projects.Projects.Length).Where(i => !now.Projects.Contains(projects.Projects[i], StringComparer.Ordinal)).ToList();
            strict = strict with
            {
                SqlProj = now with
                {
                    Projects = [.. now.Projects, .. missing.Select(i => projects.Projects[i])],
                    ProjectLocations = now.ProjectLocations.Length == now.Projects.Length && projects.ProjectLocations.Length == projects.Projects.Length
                        ? [.. now.ProjectLocations, .. missing.Select(i => projects.ProjectLocations[i])]
                        : now.ProjectLocations,
                    Database = projects.Database,
                },
            };
        }

        return strict;
    }

    private static void Moved(string what, string? was, string? now, SourceLocation where, ImmutableArray<Loosening>.Builder found)
    {
        if (!string.Equals(was, now, StringComparison.OrdinalIgnoreCase))
        {
            found.Add(new($"{what} is '{now ?? "(not set)"}', '{was ?? "(not set)"}' on the base", where));
        }
    }

    /// <summary>A folder as written, without <c>./</c> and trailing slashes, so <c>./dbt/</c> is <c>dbt</c>.</summary>
    private static string Folder(string path)
    {
        var folder = path.Replace('\\', '/').TrimEnd('/');
        while (folder.StartsWith("./", StringComparison.Ordinal))
        {
            folder = folder[2..];
        }

        return folder.Length == 0 ? "." : folder;
    }
}
