using System.Collections.Immutable;

namespace DataContracts.Mapping.Dbt;

/// <summary>A dbt package (or the root project) whose files live in the workspace.</summary>
/// <param name="Name">The package name as the manifest's <c>package_name</c> says it.</param>
/// <param name="Directory">Workspace-relative folder, forward slashes, "" for the workspace root.</param>
/// <param name="Project">Its dbt_project.yml (defaults when the root was found by probing).</param>
internal sealed record PackageRoot(string Name, string Directory, DbtProjectFile Project)
{
    /// <summary>Workspace-relative path of a package-relative file.</summary>
    public string Combine(string packageRelativePath) =>
        Directory.Length == 0 ? packageRelativePath : Directory + "/" + packageRelativePath;
}

/// <summary>
/// Finds where each package's files are. Manifest paths are relative to their package root; a repo can be
/// a package tested from an integration project (Fivetran: root project in integration_tests/, package at
/// the repo root), or ship a local package. Installed packages (dbt_packages/, dbt_modules/) are skipped:
/// they are not the user's changes.
/// </summary>
internal static class PackageRoots
{
    private const int MaxScanDepth = 6;
    private const int MaxScannedDirectories = 20_000;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "node_modules", "target", "dbt_packages", "dbt_modules", "logs", ".venv", "venv", "bin", "obj", ".idea", ".vscode", "__pycache__",
    };

    /// <summary>True for paths inside installed-package or build-output folders, which are never the user's changes.</summary>
    public static bool IsInstalledOrGenerated(string workspacePath)
    {
        foreach (var segment in workspacePath.Split('/'))
        {
            if (segment is "dbt_packages" or "dbt_modules" or "target")
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<ImmutableDictionary<string, PackageRoot>> FindAsync(
        string workspaceRoot,
        string projectDirRelative,
        DbtProjectFile? rootProject,
        IEnumerable<DbtManifest> manifests,
        CancellationToken cancellationToken)
    {
        var roots = new Dictionary<string, PackageRoot>(StringComparer.Ordinal);
        var manifestList = manifests.ToList();

        // The root project: the manifest's project_name (v10+), else the name in its dbt_project.yml.
        var rootName = manifestList.Select(m => m.ProjectName).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? rootProject?.Name;
        if (rootName is not null)
        {
            roots[rootName] = new PackageRoot(rootName, projectDirRelative, rootProject ?? DbtProjectFile.Default);
        }

        foreach (var (dir, file) in await ScanProjectsAsync(workspaceRoot, cancellationToken).ConfigureAwait(false))
        {
            if (file.Name is { } name && !roots.ContainsKey(name))
            {
                roots[name] = new PackageRoot(name, dir, file);
            }
        }

        // Packages still unplaced: probe likely folders for one of their files.
        var candidates = CandidateFolders(projectDirRelative);
        foreach (var group in manifestList
            .SelectMany(m => m.Nodes.Values.Concat(m.Disabled).Select(n => (n.PackageName, n.OriginalFilePath))
                .Concat(m.Macros.Values.Select(x => (x.PackageName, x.OriginalFilePath))))
            .Where(p => !string.IsNullOrEmpty(p.PackageName) && !string.IsNullOrEmpty(p.OriginalFilePath) && !roots.ContainsKey(p.PackageName!))
            .GroupBy(p => p.PackageName!, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Any one existing file places the package; many files may be absent (deleted, generated, or not checked out).
            var samples = group.Select(p => p.OriginalFilePath!).Distinct(StringComparer.Ordinal).Take(500).ToList();
            foreach (var candidate in candidates)
            {
                var found = samples.Any(s => File.Exists(Path.Combine(workspaceRoot, candidate, s)));
                if (found)
                {
                    roots[group.Key] = new PackageRoot(group.Key, candidate, DbtProjectFile.Default);
                    break;
                }
            }
        }

        // Manifests before v10 do not name the root project. Without a dbt_project.yml to read it from, the
        // package that owns the most models is the project itself, at the project folder.
        if (rootName is null)
        {
            var largest = manifestList.SelectMany(m => m.Nodes.Values)
                .Where(n => !string.IsNullOrEmpty(n.PackageName) && n.PackageName != "dbt" && !roots.ContainsKey(n.PackageName!))
                .GroupBy(n => n.PackageName!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (largest is not null)
            {
                roots[largest.Key] = new PackageRoot(largest.Key, projectDirRelative, rootProject ?? DbtProjectFile.Default);
            }
        }

        return roots.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The project folder and its ancestors up to the workspace root.</summary>
    private static List<string> CandidateFolders(string projectDirRelative)
    {
        var result = new List<string>();
        var current = projectDirRelative;
        while (true)
        {
            result.Add(current);
            if (current.Length == 0)
            {
                break;
            }

            var slash = current.LastIndexOf('/');
            current = slash < 0 ? string.Empty : current[..slash];
        }

        return result;
    }

    /// <summary>Every dbt_project.yml in the workspace (bounded breadth-first scan, skipping heavy folders).</summary>
    private static async Task<List<(string Dir, DbtProjectFile File)>> ScanProjectsAsync(string workspaceRoot, CancellationToken cancellationToken)
    {
        var found = new List<(string, DbtProjectFile)>();
        var queue = new Queue<(string Full, string Relative, int Depth)>();
        queue.Enqueue((workspaceRoot, string.Empty, 0));
        var visited = 0;
        while (queue.Count > 0 && visited++ < MaxScannedDirectories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (full, relative, depth) = queue.Dequeue();
            var projectFile = Path.Combine(full, DbtProjectFile.FileName);
            if (File.Exists(projectFile))
            {
                var display = relative.Length == 0 ? DbtProjectFile.FileName : relative + "/" + DbtProjectFile.FileName;
                try
                {
                    if (await DbtProjectFile.TryReadAsync(projectFile, display, cancellationToken).ConfigureAwait(false) is { } parsed)
                    {
                        found.Add((relative, parsed));
                    }
                }
                catch (Diagnostics.InputException)
                {
                    // A broken dbt_project.yml elsewhere in the repo must not stop the mapping of this project.
                }
            }

            if (depth >= MaxScanDepth)
            {
                continue;
            }

            IEnumerable<string> children;
            try
            {
                // Never through a symlink: one to / (or to ..) would take the scan out of the repository or round a loop.
                children = [.. new DirectoryInfo(full).EnumerateDirectories().Where(d => !d.Attributes.HasFlag(FileAttributes.ReparsePoint)).Select(d => d.FullName)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children.Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (SkippedFolders.Contains(name) || name.StartsWith('.'))
                {
                    continue;
                }

                queue.Enqueue((child, relative.Length == 0 ? name : relative + "/" + name, depth + 1));
            }
        }

        return found;
    }
}
