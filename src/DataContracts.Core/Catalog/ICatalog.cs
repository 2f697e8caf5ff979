using DataContracts.Mapping;

namespace DataContracts.Catalog;

/// <summary>
/// The catalog as the impact walk needs it. Implemented by the Secoda client and by the snapshot file.
/// Every method is batch-shaped so an implementation can run lookups concurrently, use <c>__in</c>
/// filters, and fetch each node at most once per run.
/// </summary>
internal interface ICatalog
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

    /// <summary>
    /// One hop: the ids directly downstream of each id. Every requested id is a key. Ids may be columns:
    /// column lineage is lineage like any other edge, and a column's children are columns of other tables
    /// or resources (charts, dashboards) fed directly by it.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The column resources of each table (entity type <c>column</c>, <see cref="CatalogResource.ParentId"/> the
    /// table). Every requested id is a key; a table whose columns the catalog does not know maps to an empty list.
    /// Callers ask only when a change breaks named columns.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken);

    /// <summary>Details of each resource. Ids the catalog does not know are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}

/// <summary>A column of a catalog table; <see cref="DataType"/> as the catalog reports it, null when unknown.</summary>
internal sealed record CatalogColumn(string Id, string Name, string? DataType);
