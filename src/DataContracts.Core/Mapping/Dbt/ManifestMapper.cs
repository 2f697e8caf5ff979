using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// Maps changed files to manifest nodes (dbt's <c>path:</c> selector rule plus macro dependents), reading
/// relations from the manifest as dbt rendered them. Deleted files and the old side of renames use the
/// base manifest when there is one, else the head manifest, else an approximate reading of the old text.
/// When the head manifest is unverified (a fork's artifact), every path is mapped through both manifests: the
/// production manifest is the trusted account of what a file defined, patched or fed before the change, so a
/// fork cannot hide a changed file's models by leaving them out of its manifest.
/// </summary>
internal sealed class ManifestMapper
{
    private readonly DbtContext _context;
    private readonly ManifestIndex _head;
    private readonly IBaseContentReader _baseContent;
    private readonly YmlLineFinder _lines;
    private readonly MappingCollector _collector = new();
    private readonly bool _headUnverified;

    public ManifestMapper(DbtContext context, ManifestIndex head, IBaseContentReader baseContent, bool headUnverified = false)
    {
        _context = context;
        _headUnverified = headUnverified;
        _head = head;
        _baseContent = baseContent;
        _lines = new YmlLineFinder(context);
    }

    public async Task<ModelMapping> MapAsync(IReadOnlyList<ChangedFile> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await MapPathAsync(change.Path, change, fromOldPath: false, cancellationToken).ConfigureAwait(false);
            if (change.Status == ChangeStatus.Renamed && !string.IsNullOrEmpty(change.OldPath))
            {
                await MapPathAsync(change.OldPath, change, fromOldPath: true, cancellationToken).ConfigureAwait(false);
            }
        }

        return _collector.Build(DbtGraphBuilder.Build(_head, _context.Base));
    }

    private async Task MapPathAsync(string path, ChangedFile change, bool fromOldPath, CancellationToken cancellationToken)
    {
        if (PackageRoots.IsInstalledOrGenerated(path))
        {
            return;
        }

        if (_context.IsProjectWideFile(path))
        {
            _collector.Diagnostics.Add(ProjectWide(path));
            return;
        }

        var gone = fromOldPath || change.Status == ChangeStatus.Deleted;
        var indexes = gone || change.HeadUnreadable ? new[] { _context.Base, _head } : _headUnverified ? [_head, _context.Base] : [_head];
        var found = false;
        foreach (var index in indexes)
        {
            if (index is null)
            {
                continue;
            }

            var defined = index.DefinedIn(path);
            var patched = index.PatchedBy(path);
            var macros = index.MacrosIn(path);
            if (defined.Count + patched.Count + macros.Count == 0)
            {
                continue;
            }

            var verb = Verb(change, fromOldPath);
            foreach (var node in defined)
            {
                var line = node.ResourceType is "snapshot" || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                    ? await _lines.FindNameAsync(path, node.Name ?? string.Empty, cancellationToken).ConfigureAwait(false)
                    : 1;
                var reason = path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                    ? $"defined in {path} ({verb})"
                    : $"file {verb}";
                Add(node, index, change, reason, line);
            }

            foreach (var node in patched)
            {
                var line = await _lines.FindNameAsync(path, node.Name ?? string.Empty, cancellationToken).ConfigureAwait(false);
                Add(node, index, change, $"properties in {path} ({verb})", line);
            }

            foreach (var macro in macros)
            {
                var macroName = macro.UniqueId[(macro.UniqueId.LastIndexOf('.') + 1)..];
                var line = await _lines.FindNameAsync(path, macroName, cancellationToken).ConfigureAwait(false);
                foreach (var node in index.NodesUsingMacro(macro.UniqueId))
                {
                    // The model still exists after a macro is deleted: report its current relation.
                    var current = index != _head && _head.Manifest.Nodes.TryGetValue(node.UniqueId, out var headNode) ? headNode : node;
                    Add(current, index != _head && current == node ? index : _head, change, $"macro {macro.UniqueId} {verb}", line, throughMacro: true);
                }
            }

            found = true;
            if (!_headUnverified || gone)
            {
                return;
            }
        }

        if (found)
        {
            return;
        }

        if (!_context.IsDbtFile(path))
        {
            return;
        }

        if (gone)
        {
            var text = await _baseContent.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is not null && ApproximateMapper.MapText(_context, path, change, text, $"file {Verb(change, fromOldPath)}; not in the manifest") is { Count: > 0 } approx)
            {
                _collector.Models.AddRange(approx.Models);
                _collector.Diagnostics.AddRange(approx.Diagnostics);
                _collector.Diagnostics.Add(DiagnosticCodes.DbtDeletedFileApproximate.Create(
                    $"'{path}' was {Verb(change, fromOldPath)} and is not in the manifest; it was mapped from its old text (file name and config()), which is approximate.",
                    new SourceLocation(path),
                    "Pass the base manifest (the manifest built before the change) to map deleted files exactly."));
                return;
            }
        }

        _collector.Unmapped.Add(path);
        _collector.Diagnostics.Add(DiagnosticCodes.DbtFileNotInManifest.Create(
            $"'{path}' looks like a dbt file but the manifest '{_head.Manifest.DisplayPath}' has no node for it; the manifest is probably older than the change.",
            new SourceLocation(path, 1, 1),
            "Run `dbt parse` after the change and pass the fresh target/manifest.json."));
    }

    private void Add(ManifestNode node, ManifestIndex index, ChangedFile change, string reason, int line, bool throughMacro = false)
    {
        // Disabled by this change but built in production: its production relation disappears, which consumers feel.
        if (node.IsDisabled && index == _head && _context.Base?.Manifest.Nodes.TryGetValue(node.UniqueId, out var deployed) == true && deployed.Table is not null)
        {
            Add(deployed, _context.Base, change, reason + "; disabled now", line, throughMacro);
            return;
        }

        if (node.IsDisabled)
        {
            if (_collector.Disabled.Add(node.UniqueId))
            {
                _collector.Diagnostics.Add(DiagnosticCodes.DbtDisabledNode.Create(
                    $"{node.UniqueId} ({reason}) is disabled in the manifest, so it builds no relation.",
                    new SourceLocation(change.Path, line, 1),
                    "Nothing to check unless the node is enabled in the target you deploy; enable it when generating the manifest to check it."));
            }

            return;
        }

        if (!node.IsRelational)
        {
            return;
        }

        _collector.Add(new MappedModel
        {
            File = change.Path,
            Status = change.Status,
            Id = node.UniqueId,
            Name = DisplayName(node),
            ModelFile = index.ModelFileOf(node),
            Table = _context.ProductionTable(node),
            Kind = MappingKind.DbtManifest,
            Reason = reason,
            ThroughMacro = throughMacro,
            Line = line,
        });
    }

    internal static string DisplayName(ManifestNode node)
    {
        var name = node.Name ?? node.UniqueId;
        return string.IsNullOrEmpty(node.Version) ? name : $"{name}.v{node.Version}";
    }

    private static string Verb(ChangedFile change, bool fromOldPath) => fromOldPath
        ? $"renamed to {change.Path}"
        : change.Status switch
        {
            ChangeStatus.Added => "added",
            ChangeStatus.Deleted => "deleted",
            ChangeStatus.Renamed => $"renamed from {change.OldPath}",
            _ => "modified",
        };

    internal static Diagnostic ProjectWide(string path) => DiagnosticCodes.DbtProjectWideChange.Create(
        $"'{path}' changed: project configuration, variables or package versions can change any model, and neither dbt nor DataContracts can tell which.",
        new SourceLocation(path, 1, 1),
        "Check the models this change affects by hand, or name them with `datacontracts impact <model>`.");
}

/// <summary>Accumulates mapped models (deduplicated), unmapped files and diagnostics for one mapping.</summary>
internal sealed class MappingCollector
{
    private readonly HashSet<(string Id, string? Table, string File)> _seen = [];

    public List<MappedModel> Models { get; } = [];

    public List<string> Unmapped { get; } = [];

    public List<Diagnostic> Diagnostics { get; } = [];

    public HashSet<string> Disabled { get; } = new(StringComparer.Ordinal);

    private readonly HashSet<string> _noRelation = new(StringComparer.Ordinal);

    public void Add(MappedModel model)
    {
        if (!_seen.Add((model.Id, model.Table?.ToString(), model.File)))
        {
            return;
        }

        Models.Add(model);
        if (model.Table is null && _noRelation.Add(model.Id))
        {
            Diagnostics.Add(DiagnosticCodes.DbtModelWithoutRelation.Create(
                $"{model.Id} has no warehouse relation (ephemeral, or not determinable); its changes reach consumers only through the models that use it.",
                new SourceLocation(model.File, model.Line, 1),
                "dbt inlines ephemeral models into their dependents; check those models' contracts."));
        }
    }

    public ModelMapping Build(DbtGraph graph) => new()
    {
        Models = [.. Models],
        Graph = graph,
        UnmappedFiles = [.. Unmapped.Distinct(StringComparer.Ordinal)],
        Diagnostics = [.. Diagnostics],
    };
}
