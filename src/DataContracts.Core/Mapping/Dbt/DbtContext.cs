using System.Collections.Immutable;

namespace DataContracts.Mapping.Dbt;

/// <summary>The resource folders of <c>dbt_project.yml</c> (<c>model-paths</c>, <c>seed-paths</c>, …).</summary>
internal enum DbtFolderKind
{
    Models,
    Seeds,
    Snapshots,
    Macros,
    Tests,
    Analyses,
}

/// <summary>Everything a mapper needs about the loaded project; built once by <see cref="DbtProject.LoadAsync"/>.</summary>
internal sealed record DbtContext
{
    public required string WorkspaceRoot { get; init; }

    /// <summary>Workspace-relative project folder, "" when the project is the workspace root.</summary>
    public required string ProjectDir { get; init; }

    public required ImmutableDictionary<string, PackageRoot> Roots { get; init; }

    public ManifestIndex? Head { get; init; }

    public ManifestIndex? Base { get; init; }

    /// <summary>The root project, always present (defaults when only a manifest was given).</summary>
    public required PackageRoot RootProject { get; init; }

    private static readonly HashSet<string> ProjectWideFiles = new(StringComparer.Ordinal)
    {
        "dbt_project.yml", "packages.yml", "dependencies.yml", "selectors.yml",
    };

    private static readonly HashSet<string> DbtExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".sql", ".py", ".yml", ".yaml", ".csv",
    };

    /// <summary>
    /// The relation consumers read, as dbt's <c>--defer</c>: the production (state) relation of the same unique id
    /// when the state has one, else the node's own (a CI schema, or a node production has not built yet).
    /// </summary>
    public TableName? ProductionTable(ManifestNode node) =>
        Base is not null && Base.Manifest.Nodes.TryGetValue(node.UniqueId, out var production) && production.Table is { } table
            ? table
            : node.Table;

    public string FullPath(string workspacePath) => Path.Combine(WorkspaceRoot, workspacePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The package root that contains the file (the deepest one), or null.</summary>
    public PackageRoot? RootOf(string workspacePath)
    {
        PackageRoot? best = null;
        foreach (var root in Roots.Values.Append(RootProject))
        {
            if ((root.Directory.Length == 0 || workspacePath.StartsWith(root.Directory + "/", StringComparison.Ordinal))
                && (best is null || root.Directory.Length > best.Directory.Length))
            {
                best = root;
            }
        }

        return best;
    }

    /// <summary>The path relative to its package root, or null when it is outside every package.</summary>
    public static string Relative(PackageRoot root, string workspacePath) =>
        root.Directory.Length == 0 ? workspacePath : workspacePath[(root.Directory.Length + 1)..];

    public bool IsProjectWideFile(string workspacePath) =>
        RootOf(workspacePath) is { } root && ProjectWideFiles.Contains(Relative(root, workspacePath));

    /// <summary>A dbt resource file: under one of its package's resource folders, with a dbt extension.</summary>
    public bool IsDbtFile(string workspacePath) => ResourceFolderOf(workspacePath) is not null;

    /// <summary>The kind of resource folder (models, seeds, snapshots, macros, tests, analyses) holding the file and the folders below it.</summary>
    public (DbtFolderKind Kind, PackageRoot Root, IReadOnlyList<string> Folders)? ResourceFolderOf(string workspacePath)
    {
        if (!DbtExtensions.Contains(Path.GetExtension(workspacePath)) || RootOf(workspacePath) is not { } root)
        {
            return null;
        }

        var relative = Relative(root, workspacePath);
        var project = root.Project;
        foreach (var (kind, paths) in new[]
        {
            (DbtFolderKind.Models, project.ModelPaths), (DbtFolderKind.Seeds, project.SeedPaths), (DbtFolderKind.Snapshots, project.SnapshotPaths),
            (DbtFolderKind.Macros, project.MacroPaths), (DbtFolderKind.Tests, project.TestPaths), (DbtFolderKind.Analyses, project.AnalysisPaths),
        })
        {
            foreach (var folder in paths)
            {
                if (folder.Length == 0 || relative.StartsWith(folder + "/", StringComparison.Ordinal))
                {
                    var rest = folder.Length == 0 ? relative : relative[(folder.Length + 1)..];
                    var parts = rest.Split('/');
                    return (kind, root, parts[..^1]);
                }
            }
        }

        return null;
    }
}
