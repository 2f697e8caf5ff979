using System.Collections.Concurrent;
using System.Collections.Immutable;

using DataContracts.Diagnostics;
using DataContracts.Models;

namespace DataContracts.Catalog.Snapshot;

/// <summary>
/// <see cref="ICatalog"/> answered from a snapshot, offline, with the same matching rules as the live
/// Secoda client (<see cref="TableMatching"/>) and the same one-hop lineage.
/// </summary>
public sealed class SnapshotCatalog : ICatalog
{
    private readonly ImmutableArray<CatalogResource> _resources;
    private readonly Dictionary<string, CatalogResource> _byId;
    private readonly Dictionary<string, IReadOnlyList<string>> _children;
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();

    public SnapshotCatalog(CatalogSnapshot snapshot, string source)
    {
        Source = source;
        _resources = snapshot.Resources;
        _byId = snapshot.Resources.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        _children = snapshot.Lineage
            .Where(e => !string.Equals(e.From, e.To, StringComparison.OrdinalIgnoreCase))
            .GroupBy(e => e.From, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)[.. g.Select(e => e.To).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)],
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The snapshot file's path, as given.</summary>
    public string Source { get; }

    public int RequestCount => 0;

    /// <summary>Non-fatal findings: ambiguous names (DC6013).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => [.. _diagnostics];

    /// <summary>Reads the file and returns the catalog plus the file's warnings.</summary>
    public static async Task<(SnapshotCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var loaded = await SnapshotFile.ReadAsync(path, cancellationToken);
        return (new SnapshotCatalog(loaded.Snapshot, path), loaded.Diagnostics);
    }

    public Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(
        IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<TableName, CatalogResource>();
        foreach (var table in tables.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (best, count) = TableMatching.Pick(table, _resources, integrationId);
            if (best is null)
            {
                continue;
            }

            if (count > 1)
            {
                _diagnostics.Enqueue(DiagnosticCodes.CatalogAmbiguousTable.Create(
                    $"{count} snapshot tables match '{table}'; using {best.AsTable} ({best.Id}).",
                    hint: "Name the table fully (database.schema.name), set secoda.integration_id, or give the contract a secoda_id."));
            }

            found[table] = best;
        }

        return Task.FromResult<IReadOnlyDictionary<TableName, CatalogResource>>(found);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<string, IReadOnlyList<string>> result = ids
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(id => id, id => _children.GetValueOrDefault(id) ?? [], StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(result);
    }

    /// <summary>Columns are resources of type <c>column</c> whose <c>parentId</c> is the table, in snapshot order.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = tableIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>> result = _resources
            .Where(r => r.ParentId is not null && wanted.Contains(r.ParentId) && string.Equals(r.EntityType, "column", StringComparison.OrdinalIgnoreCase))
            .GroupBy(r => r.ParentId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CatalogColumn>)[.. g.Select(r => new CatalogColumn(r.Id, r.Title, r.DataType))], StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(result);
    }

    public Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<string, CatalogResource> result = ids
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(_byId.ContainsKey)
            .ToDictionary(id => id, id => _byId[id], StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(result);
    }
}
