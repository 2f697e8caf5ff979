using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// A dbt project loaded for mapping: its manifest (exact mode) or its dbt_project.yml alone (approximate
/// mode), the package roots in the workspace, and dbt's lineage graph. Load once per run, then map the
/// changed files and resolve model names.
/// </summary>
internal sealed partial class DbtProject
{
    private readonly DbtContext _context;
    private readonly ImmutableArray<Diagnostic> _loadDiagnostics;

    private DbtProject(DbtContext context, DbtGraph graph, ImmutableArray<Diagnostic> loadDiagnostics, DbtProjectOptions options)
    {
        _context = context;
        Graph = graph;
        _loadDiagnostics = loadDiagnostics;
        Options = options;
    }

    /// <summary>Where the project and its manifests are (full paths).</summary>
    public DbtProjectOptions Options { get; }

    /// <summary>dbt's lineage from the head manifest (models, seeds, snapshots, sources, exposures, metrics, semantic models, saved queries); empty without a manifest.</summary>
    public DbtGraph Graph { get; }

    /// <summary><c>metadata.adapter_type</c> of the head manifest (postgres, snowflake, bigquery…), or null.</summary>
    public string? AdapterType => _context.Head?.Manifest.AdapterType;

    /// <summary>The head manifest's schema version (4–12; later versions are read leniently), or null without a manifest.</summary>
    public int? ManifestVersion => _context.Head?.Manifest.SchemaVersion;

    /// <summary>True when there is a manifest and mapping is exact.</summary>
    public bool HasManifest => _context.Head is not null;

    /// <summary>Warnings found while loading (for example a manifest schema newer than supported); also part of every <see cref="MapAsync"/> result.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => _loadDiagnostics;

    /// <summary>
    /// Loads the project. Throws <see cref="InputException"/> when an explicitly given manifest is missing or
    /// unreadable, or when there is neither a manifest nor a dbt_project.yml.
    /// </summary>
    public static async Task<DbtProject> LoadAsync(DbtProjectOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workspaceRoot = Path.GetFullPath(options.WorkspaceRoot);
        var projectDirFull = Path.GetFullPath(options.ProjectDir);
        var projectDir = Relative(workspaceRoot, projectDirFull);
        var projectFileDisplay = projectDir.Length == 0 ? DbtProjectFile.FileName : projectDir + "/" + DbtProjectFile.FileName;

        var rootProject = await DbtProjectFile.TryReadAsync(Path.Combine(projectDirFull, DbtProjectFile.FileName), projectFileDisplay, cancellationToken).ConfigureAwait(false);
        if (rootProject is null && options.ManifestPath is null)
        {
            throw new InputException(DiagnosticCodes.DbtProjectNotFound.Create(
                $"No {DbtProjectFile.FileName} in '{(projectDir.Length == 0 ? "." : projectDir)}' and no manifest was given.",
                new SourceLocation(projectFileDisplay),
                "Set `dbt.project_dir` in datacontracts.yml to the folder with dbt_project.yml, or pass a manifest with --manifest."));
        }

        var head = options.ManifestPath is null ? null
            : await ManifestReader.ReadAsync(Path.GetFullPath(options.ManifestPath), Display(workspaceRoot, options.ManifestPath), cancellationToken).ConfigureAwait(false);
        var @base = options.BaseManifestPath is null ? null
            : await ManifestReader.ReadAsync(Path.GetFullPath(options.BaseManifestPath), Display(workspaceRoot, options.BaseManifestPath), cancellationToken).ConfigureAwait(false);

        var manifests = new[] { head, @base }.OfType<DbtManifest>().ToList();
        var roots = await PackageRoots.FindAsync(workspaceRoot, projectDir, rootProject, manifests, cancellationToken).ConfigureAwait(false);
        var rootName = head?.ProjectName ?? rootProject?.Name ?? string.Empty;
        var root = roots.TryGetValue(rootName, out var found) && found.Directory == projectDir
            ? found
            : new PackageRoot(rootName, projectDir, rootProject ?? DbtProjectFile.Default);

        var headIndex = head is null ? null : new ManifestIndex(head, roots);
        var context = new DbtContext
        {
            WorkspaceRoot = workspaceRoot,
            ProjectDir = projectDir,
            Roots = roots,
            RootProject = root,
            Head = headIndex,
            Base = @base is null ? null : new ManifestIndex(@base, roots),
        };

        var graph = headIndex is null ? DbtGraph.Empty : DbtGraphBuilder.Build(headIndex, context.Base);
        return new DbtProject(context, graph, [.. manifests.SelectMany(m => m.Diagnostics)], options);
    }

    /// <summary>
    /// Maps changed files (workspace-relative) to the dbt nodes they change and those nodes' relations.
    /// Changed dbt files that map to nothing are listed in <see cref="ModelMapping.UnmappedFiles"/> with a warning.
    /// <paramref name="headUnverified"/>: the head manifest is a fork's artifact, so what the production manifest
    /// says a changed file defines, patches or feeds (macros) is mapped as well as what the head manifest says.
    /// </summary>
    public async Task<ModelMapping> MapAsync(IReadOnlyList<ChangedFile> changes, IBaseContentReader baseContent, CancellationToken cancellationToken, bool headUnverified = false)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(baseContent);
        var mapping = _context.Head is { } head
            ? await new ManifestMapper(_context, head, baseContent, headUnverified).MapAsync(changes, cancellationToken).ConfigureAwait(false)
            : await ApproximateMapper.MapAsync(_context, changes, baseContent, cancellationToken).ConfigureAwait(false);
        return _loadDiagnostics.IsEmpty ? mapping : mapping with { Diagnostics = _loadDiagnostics.AddRange(mapping.Diagnostics) };
    }

    /// <summary>
    /// Finds the nodes a contract or <c>datacontracts impact</c> names: a model name (<c>orders</c>: every
    /// version; <c>orders.v2</c>: the pinned one), <c>package.name</c>, a unique id (<c>model.shop.orders</c>),
    /// or a path (workspace- or project-relative). Empty when nothing matches.
    /// </summary>
    public IReadOnlyList<MappedModel> Resolve(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        target = target.Trim();
        return _context.Head is { } head ? NodeResolver.Resolve(_context, head, target) : ApproximateMapper.Resolve(_context, target);
    }

    private static string Relative(string root, string full)
    {
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        return relative == "." ? string.Empty : relative.TrimEnd('/');
    }

    private static string Display(string workspaceRoot, string path)
    {
        var relative = Relative(workspaceRoot, Path.GetFullPath(path));
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
