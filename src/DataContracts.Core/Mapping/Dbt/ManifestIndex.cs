using System.Collections.Immutable;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// Workspace-path lookups over one manifest: which nodes a file defines or patches (dbt's own <c>path:</c>
/// selector rule) and which nodes a macro reaches through macro→macro dependencies.
/// </summary>
internal sealed class ManifestIndex
{
    private readonly Dictionary<string, List<ManifestNode>> _byFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ManifestNode>> _byPatch = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ManifestMacro>> _macrosByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _macroDependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ManifestNode>> _nodesByMacro = new(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, PackageRoot> _roots;

    public ManifestIndex(DbtManifest manifest, ImmutableDictionary<string, PackageRoot> roots)
    {
        Manifest = manifest;
        _roots = roots;
        foreach (var node in manifest.Nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal).Concat(manifest.Disabled))
        {
            if (FileOf(node.PackageName, node.OriginalFilePath) is { } file)
            {
                Add(_byFile, file, node);
            }

            if (FileOf(node.PackageName, node.PatchFile) is { } patch && patch != FileOf(node.PackageName, node.OriginalFilePath))
            {
                Add(_byPatch, patch, node);
            }

            if (!node.IsDisabled)
            {
                foreach (var macro in node.DependsOnMacros)
                {
                    Add(_nodesByMacro, macro, node);
                }
            }
        }

        // In id order: the manifest's dictionary enumerates in hash order, which changes from run to run, and the
        // first macro of a file names the reason reports print.
        foreach (var macro in manifest.Macros.Values.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            if (FileOf(macro.PackageName, macro.OriginalFilePath) is { } file)
            {
                Add(_macrosByFile, file, macro);
            }

            foreach (var dependency in macro.DependsOnMacros)
            {
                Add(_macroDependents, dependency, macro.UniqueId);
            }
        }
    }

    public DbtManifest Manifest { get; }

    /// <summary>Workspace-relative file of a package-relative path, or null when the package's files are not in the workspace.</summary>
    public string? FileOf(string? package, string? packageRelativePath)
    {
        if (string.IsNullOrEmpty(package) || string.IsNullOrEmpty(packageRelativePath))
        {
            return null;
        }

        return _roots.TryGetValue(package, out var root) ? root.Combine(packageRelativePath.Replace('\\', '/')) : null;
    }

    /// <summary>Nodes whose defining file is <paramref name="workspacePath"/>.</summary>
    public IReadOnlyList<ManifestNode> DefinedIn(string workspacePath) =>
        _byFile.TryGetValue(workspacePath, out var list) ? list : [];

    /// <summary>Nodes a properties yml patches (its <c>- name:</c> entries).</summary>
    public IReadOnlyList<ManifestNode> PatchedBy(string workspacePath) =>
        _byPatch.TryGetValue(workspacePath, out var list) ? list : [];

    public IReadOnlyList<ManifestMacro> MacrosIn(string workspacePath) =>
        _macrosByFile.TryGetValue(workspacePath, out var list) ? list : [];

    /// <summary>
    /// Every enabled node that uses <paramref name="macroId"/> directly or through macros that call it,
    /// dbt's <c>state:modified.macros</c> rule. Breadth-first, cycle-safe.
    /// </summary>
    public IReadOnlyList<ManifestNode> NodesUsingMacro(string macroId)
    {
        var seenMacros = new HashSet<string>(StringComparer.Ordinal) { macroId };
        var queue = new Queue<string>([macroId]);
        var nodes = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (_nodesByMacro.TryGetValue(current, out var users))
            {
                foreach (var node in users)
                {
                    nodes.TryAdd(node.UniqueId, node);
                }
            }

            if (_macroDependents.TryGetValue(current, out var callers))
            {
                foreach (var caller in callers)
                {
                    if (seenMacros.Add(caller))
                    {
                        queue.Enqueue(caller);
                    }
                }
            }
        }

        return [.. nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal)];
    }

    /// <summary>The workspace-relative file that defines a node, when its package is in the workspace.</summary>
    public string? ModelFileOf(ManifestNode node) => FileOf(node.PackageName, node.OriginalFilePath);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }
}
