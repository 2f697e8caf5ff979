using DataContracts.Changes;

namespace DataContracts.Mapping.Dbt;

/// <summary>Everything the project maps, not only what a change touches: what <c>snapshot</c> captures by default.</summary>
internal sealed partial class DbtProject
{
    private static readonly string[] ResourceExtensions = [".sql", ".py", ".csv"];

    /// <summary>
    /// Every enabled model, seed and snapshot of the head manifest that builds a relation, mapped as a check
    /// would map a change to it. Empty without a manifest: use <see cref="ResourceFiles"/> then.
    /// </summary>
    public IReadOnlyList<MappedModel> AllRelations()
    {
        if (_context.Head is not { } head)
        {
            return [];
        }

        return [.. head.Manifest.Nodes.Values
            .Where(n => n.ResourceType is "model" or "seed" or "snapshot" && !n.IsDisabled && n.Table is not null)
            .OrderBy(n => n.UniqueId, StringComparer.Ordinal)
            .SelectMany(n => NodeResolver.Resolve(_context, head, n.UniqueId))];
    }

    /// <summary>
    /// The root project's model, seed and snapshot files (workspace-relative), for approximate mapping without a
    /// manifest. Installed packages and build output are skipped, as a check skips them.
    /// </summary>
    public IReadOnlyList<ChangedFile> ResourceFiles()
    {
        var root = _context.RootProject;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in root.Project.ModelPaths.Concat(root.Project.SeedPaths).Concat(root.Project.SnapshotPaths))
        {
            var full = _context.FullPath(root.Combine(folder));
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                var relative = Path.GetRelativePath(_context.WorkspaceRoot, file).Replace('\\', '/');
                if (ResourceExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) && !PackageRoots.IsInstalledOrGenerated(relative))
                {
                    files.Add(relative);
                }
            }
        }

        return [.. files.Select(f => new ChangedFile(f, ChangeStatus.Modified))];
    }
}
