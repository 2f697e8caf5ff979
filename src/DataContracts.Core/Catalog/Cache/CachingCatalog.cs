using System.Collections.Concurrent;
using System.Collections.Immutable;

using DataContracts.Diagnostics;
using DataContracts.Models;

namespace DataContracts.Catalog.Cache;

/// <summary>
/// The opt-in on-disk cache (<c>--cache-dir</c>): answers found in a fresh cache file are served from it, the
/// rest are asked of the live catalog, and everything known is written back when the run ends (on dispose).
/// Entries live until the file is older than the TTL, counted from when it was first filled, so a cache can
/// never keep an answer for longer than the TTL.
/// </summary>
public sealed class CachingCatalog : ICatalog, IDisposable
{
    private readonly ICatalog _inner;
    private readonly string _path;
    private readonly DateTimeOffset _createdAt;
    private readonly ConcurrentDictionary<string, string> _tables;
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _downstream;
    private readonly ConcurrentDictionary<string, CatalogResource> _resources;
    private int _hits;

    private CachingCatalog(ICatalog inner, string path, CatalogCacheData data)
    {
        _inner = inner;
        _path = path;
        _createdAt = data.CreatedAt;
        _tables = new(data.Tables, StringComparer.OrdinalIgnoreCase);
        _downstream = new(data.Downstream, StringComparer.OrdinalIgnoreCase);
        _resources = new(data.Resources.Select(r => KeyValuePair.Create(r.Id, r)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Default lifetime of a cache file.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    /// <summary>The cache file in use.</summary>
    public string CachePath => _path;

    /// <summary>Answers served from the cache file so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public string Source => _inner.Source;

    public IReadOnlyList<Diagnostic> Diagnostics => _inner.Diagnostics;

    public int RequestCount => _inner.RequestCount;

    /// <summary>Wraps <paramref name="inner"/> with the cache file for its source and <paramref name="token"/> in <paramref name="directory"/>.</summary>
    public static async Task<CachingCatalog> OpenAsync(ICatalog inner, string directory, string token, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = CatalogCacheFile.PathFor(directory, inner.Source, token);
        var data = await CatalogCacheFile.ReadAsync(path, inner.Source, ttl, now, cancellationToken).ConfigureAwait(false)
            ?? new CatalogCacheData { Source = inner.Source, CreatedAt = now };
        return new CachingCatalog(inner, path, data);
    }

    /// <summary>Columns are not cached: they are asked of the live catalog each run.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken) => _inner.GetColumnsAsync(tableIds, cancellationToken);

    public async Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(
        IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<TableName, CatalogResource>();
        var misses = new List<TableName>();
        foreach (var table in tables.Distinct())
        {
            if (_tables.TryGetValue(TableKey(table, integrationId), out var id) && _resources.TryGetValue(id, out var resource))
            {
                result[table] = resource;
                Interlocked.Increment(ref _hits);
            }
            else
            {
                misses.Add(table);
            }
        }

        if (misses.Count > 0)
        {
            foreach (var (table, resource) in await _inner.FindTablesAsync(misses, integrationId, cancellationToken).ConfigureAwait(false))
            {
                result[table] = resource;
                _resources[resource.Id] = resource;
                _tables[TableKey(table, integrationId)] = resource.Id;
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var misses = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (_downstream.TryGetValue(id, out var children))
            {
                result[id] = children;
                Interlocked.Increment(ref _hits);
            }
            else
            {
                misses.Add(id);
            }
        }

        if (misses.Count > 0)
        {
            foreach (var (id, children) in await _inner.GetDownstreamAsync(misses, cancellationToken).ConfigureAwait(false))
            {
                result[id] = children;
                _downstream[id] = [.. children];
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, CatalogResource>(StringComparer.OrdinalIgnoreCase);
        var misses = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (_resources.TryGetValue(id, out var resource))
            {
                result[id] = resource;
                Interlocked.Increment(ref _hits);
            }
            else
            {
                misses.Add(id);
            }
        }

        if (misses.Count > 0)
        {
            foreach (var (id, resource) in await _inner.GetResourcesAsync(misses, cancellationToken).ConfigureAwait(false))
            {
                result[id] = resource;
                _resources[id] = resource;
            }
        }

        return result;
    }

    /// <summary>Writes what is known back to the cache file, then disposes the live catalog.</summary>
    public void Dispose()
    {
        var data = new CatalogCacheData
        {
            Source = Source,
            CreatedAt = _createdAt,
            Tables = _tables.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            Downstream = _downstream.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            Resources = [.. _resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal)],
        };
        CatalogCacheFile.TryWrite(_path, data);
        (_inner as IDisposable)?.Dispose();
    }

    private static string TableKey(TableName table, string? integrationId) => table.ToString().ToUpperInvariant() + "|" + integrationId;
}
