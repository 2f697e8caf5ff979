using DataContracts.Models;

namespace DataContracts.Catalog;

/// <summary>
/// The catalog as the impact walk needs it. Implemented by the Secoda client and by the snapshot file.
/// Every method is batch-shaped so an implementation can run lookups concurrently, use <c>__in</c>
/// filters, and fetch each node at most once per run.
/// </summary>
public interface ICatalog
{
    /// <summary>What the catalog is, for reports: the API base URL or the snapshot path. Never contains a secret.</summary>
    string Source { get; }

    /// <summary>Non-fatal findings so far (fallbacks used, ambiguous names); reported with the result.</summary>
    IReadOnlyList<Diagnostics.Diagnostic> Diagnostics { get; }

    /// <summary>HTTP requests made so far (0 for a snapshot).</summary>
    int RequestCount { get; }

    /// <summary>
    /// Finds the table resource for each name, matching database, schema and name case-insensitively;
    /// parts missing from a requested name match anything. Names not found are absent from the result.
    /// </summary>
    Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(
        IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken);

    /// <summary>One hop: the ids directly downstream of each id. Every requested id is a key.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Details of each resource. Ids the catalog does not know are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The column resources (entity type <c>column</c>) under each table id, in the catalog's order: production's
    /// columns, evidence for classifying a change. Tables the catalog has no columns for are absent. The default
    /// answers "no evidence"; catalogs that hold columns override it.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>>>(new Dictionary<string, IReadOnlyList<CatalogColumn>>());
}

/// <summary>A column of a catalog table; <see cref="DataType"/> as the catalog reports it, null when unknown.</summary>
public sealed record CatalogColumn(string Id, string Name, string? DataType);
