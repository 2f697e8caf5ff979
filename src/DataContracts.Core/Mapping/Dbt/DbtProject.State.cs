using DataContracts.Mapping.Sql;

namespace DataContracts.Mapping.Dbt;

/// <summary>What classification asks of the project: production state, node facts of both sides, ephemeral descendants.</summary>
internal sealed partial class DbtProject
{
    private bool? _sameTarget;

    private bool ComputeSameTarget()
    {
        if (_context.Head is not { } head || _context.Base is not { } @base)
        {
            return false;
        }

        int shared = 0, same = 0;
        foreach (var (id, node) in head.Manifest.Nodes)
        {
            if (node.Table is { } table && @base.Manifest.Nodes.TryGetValue(id, out var deployed) && deployed.Table is { } production)
            {
                shared++;
                if (string.Equals(table.Schema, production.Schema, StringComparison.OrdinalIgnoreCase) && string.Equals(table.Database, production.Database, StringComparison.OrdinalIgnoreCase))
                {
                    same++;
                }
            }
        }

        return shared > 0 && same * 10 >= shared * 9;
    }

    private RelationNames? _deferral;

    /// <summary>
    /// dbt's deferral mapping as a rewrite: for every node both manifests know (models, seeds, snapshots, sources),
    /// the relation this change's manifest names → the production relation. Empty without a production manifest.
    /// </summary>
    public RelationNames Deferral => _deferral ??= ComputeDeferral();

    private RelationNames ComputeDeferral()
    {
        if (_context.Head is not { } head || _context.Base is not { } @base)
        {
            return RelationNames.None;
        }

        var pairs = new List<KeyValuePair<TableName, TableName>>();
        foreach (var (id, node) in head.Manifest.Nodes)
        {
            if (node.Table is { } table && @base.Manifest.Nodes.TryGetValue(id, out var deployed) && deployed.Table is { } production && !table.Equals(production))
            {
                pairs.Add(KeyValuePair.Create(table, production));
            }
        }

        return new RelationNames(pairs);
    }

    /// <summary>True when a production (or base) manifest was loaded.</summary>
    public bool HasBaseManifest => _context.Base is not null;

    /// <summary>
    /// True when the head and production manifests were rendered for the same target: nine in ten of the
    /// relations they share have the same database and schema. A CI manifest compiled into a PR schema is not.
    /// </summary>
    public bool SameTarget => _sameTarget ??= ComputeSameTarget();

    /// <summary>True when the node exists in the production manifest (enabled or disabled).</summary>
    public bool InBase(string uniqueId) =>
        _context.Base is { } @base && (@base.Manifest.Nodes.ContainsKey(uniqueId) || @base.Manifest.Disabled.Any(n => n.UniqueId == uniqueId));

    /// <summary>Nodes the head manifest says <paramref name="workspacePath"/> defines (enabled ones).</summary>
    public IReadOnlyList<ManifestNode> HeadNodesDefinedIn(string workspacePath) => _context.Head?.DefinedIn(workspacePath) ?? [];

    /// <summary>Classification facts of the given nodes in the head manifest and, when loaded, the production manifest.</summary>
    public async Task<(IReadOnlyDictionary<string, NodeFacts> Head, IReadOnlyDictionary<string, NodeFacts> Base)> ReadFactsAsync(
        IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, NodeFacts> head = new Dictionary<string, NodeFacts>();
        IReadOnlyDictionary<string, NodeFacts> @base = new Dictionary<string, NodeFacts>();
        if (Options.ManifestPath is { } headPath && _context.Head is { } headIndex)
        {
            head = await ManifestReader.ReadFactsAsync(Path.GetFullPath(headPath), headIndex.Manifest, ids, cancellationToken).ConfigureAwait(false);
        }

        if (Options.BaseManifestPath is { } basePath && _context.Base is { } baseIndex)
        {
            @base = await ManifestReader.ReadFactsAsync(Path.GetFullPath(basePath), baseIndex.Manifest, ids, cancellationToken).ConfigureAwait(false);
        }

        return (head, @base);
    }

    /// <summary>The nearest models, seeds and snapshots below an ephemeral model that build a relation: what its change reaches.</summary>
    public IReadOnlyList<string> MaterializedDescendants(string uniqueId)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { uniqueId };
        var queue = new Queue<string>([uniqueId]);
        while (queue.Count > 0)
        {
            foreach (var child in Graph.ChildrenOf(queue.Dequeue()))
            {
                if (!seen.Add(child) || Graph.Nodes.GetValueOrDefault(child) is not { ResourceType: "model" or "seed" or "snapshot" } node)
                {
                    continue;
                }

                if (node.Table is null)
                {
                    queue.Enqueue(child);
                }
                else
                {
                    found.Add(child);
                }
            }
        }

        return [.. found];
    }
}
