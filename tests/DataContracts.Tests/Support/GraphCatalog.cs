using DataContracts.Catalog;
using DataContracts.Mapping;

namespace DataContracts.Tests.Support;

/// <summary>
/// An in-memory <see cref="ICatalog"/> for unit tests of the walk and the policy. It records every id asked
/// for, so tests can assert that nothing is requested twice. HTTP behaviour is tested against the fake server.
/// </summary>
internal sealed class GraphCatalog : ICatalog
{
    private readonly Dictionary<string, List<string>> edges = [];
    private readonly Dictionary<string, CatalogResource> resources = [];

    public List<string> DownstreamRequests { get; } = [];

    public List<string> ResourceRequests { get; } = [];

    public string Source => "memory";

    public IReadOnlyList<DataContracts.Diagnostics.Diagnostic> Diagnostics => [];

    public int RequestCount => DownstreamRequests.Count + ResourceRequests.Count + ColumnRequests.Count;

    public GraphCatalog Add(string id, string type = "table", string? database = null, string? schema = null, string? title = null)
    {
        resources[id] = new CatalogResource { Id = id, Title = title ?? id, EntityType = type, Database = database, Schema = schema };
        return this;
    }

    /// <summary>A column resource of <paramref name="table"/>, titled <paramref name="name"/>.</summary>
    public GraphCatalog Column(string table, string id, string name)
    {
        resources[id] = new CatalogResource { Id = id, Title = name, EntityType = "column", ParentId = table };
        return this;
    }

    public List<string> ColumnRequests { get; } = [];

    public GraphCatalog Edge(string from, string to)
    {
        if (!edges.TryGetValue(from, out var list))
        {
            edges[from] = list = [];
        }

        list.Add(to);
        return this;
    }

    public Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<TableName, CatalogResource>();
        foreach (var table in tables)
        {
            var match = resources.Values.FirstOrDefault(r => r.AsTable is { } t && table.Matches(t));
            if (match is not null)
            {
                found[table] = match;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<TableName, CatalogResource>>(found);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        DownstreamRequests.AddRange(ids);
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            ids.ToDictionary(id => id, id => (IReadOnlyList<string>)(edges.TryGetValue(id, out var l) ? l : [])));
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken)
    {
        ColumnRequests.AddRange(tableIds);
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>>(tableIds.ToDictionary(
            id => id,
            id => (IReadOnlyList<CatalogResource>)[.. resources.Values.Where(r => r.IsColumn && r.ParentId == id).OrderBy(r => r.Id, StringComparer.Ordinal)]));
    }

    public Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ResourceRequests.AddRange(ids);
        return Task.FromResult<IReadOnlyDictionary<string, CatalogResource>>(
            ids.Where(resources.ContainsKey).ToDictionary(id => id, id => resources[id]));
    }
}
