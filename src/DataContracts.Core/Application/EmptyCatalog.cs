using DataContracts.Catalog;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>Stands in when the catalog failed and the policy says warn: the walk then follows dbt lineage only.</summary>
internal sealed class EmptyCatalog(string source) : ICatalog
{
    public string Source => source;

    public int RequestCount => 0;

    public IReadOnlyList<Diagnostics.Diagnostic> Diagnostics => [];

    public Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<TableName, CatalogResource>>(new Dictionary<TableName, CatalogResource>());

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(ids.ToDictionary(i => i, _ => (IReadOnlyList<string>)[]));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>>(tableIds.ToDictionary(i => i, _ => (IReadOnlyList<CatalogResource>)[]));

    public Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, CatalogResource>>(new Dictionary<string, CatalogResource>());
}
