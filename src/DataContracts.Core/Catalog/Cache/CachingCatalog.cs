using System.Collections.Concurrent;
using System.Collections.Immutable;

using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Catalog.Cache;

/// <summary>
/// The opt-in on-disk cache (<c>--cache-dir</c>): answers found in a fresh cache file are served from it, the
/// rest are asked of the live catalog, and everything known is written back when the run ends (on dispose).
/// Entries live until the file is older than the TTL, counted from when it was first filled, so a cache can
/// never keep an answer for longer than the TTL.
/// </summary>
internal sealed class CachingCatalog : ICatalog, IDisposable
{
    private readonly ICatalog _inner;
    private readonly string _path;
    private readonly DateTimeOffset _createdAt;
    private readonly string _token;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ImmutableArray<Diagnostic> _diagnostics;
    private readonly ConcurrentDictionary<string, string> _tables;
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _downstream;
    private readonly ConcurrentDictionary<string, CatalogResource> _resources;
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _columns;
    private int _hits;

    private CachingCatalog(ICatalog inner, string path, CatalogCacheData data, string token, TimeSpan ttl, TimeProvider time, ImmutableArray<Diagnostic> diagnostics)
    {
        _time = time;
        _inner = inner;
        _path = path;
        _token = token;
        _ttl = ttl;
        _diagnostics = diagnostics;
        _createdAt = data.CreatedAt;
        _tables = new(data.Tables, StringComparer.OrdinalIgnoreCase);
        _downstream = new(data.Downstream, StringComparer.OrdinalIgnoreCase);
        _resources = new(data.Resources.Select(r => KeyValuePair.Create(r.Id, r)), StringComparer.OrdinalIgnoreCase);
        _columns = new(data.Columns ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Default lifetime of a cache file.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    /// <summary>The cache file in use.</summary>
    public string CachePath => _path;

    /// <summary>Answers served from the cache file so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public string Source => _inner.Source;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics.IsEmpty ? _inner.Diagnostics : [.. _diagnostics, .. _inner.Diagnostics];

    public int RequestCount => _inner.RequestCount;

    /// <summary>
    /// Wraps <paramref name="inner"/> with the cache file for its source and <paramref name="token"/> in
    /// <paramref name="directory"/>; <paramref name="time"/> says how old a cache file is.
    /// </summary>
    public static async Task<CachingCatalog> OpenAsync(ICatalog inner, string directory, string token, TimeSpan ttl, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var path = CatalogCacheFile.PathFor(directory, inner.Source, token);
        CatalogCacheFile.CleanUp(directory);
        var (data, state) = await CatalogCacheFile.ReadAsync(path, inner.Source, token, ttl, now, cancellationToken).ConfigureAwait(false);
        ImmutableArray<Diagnostic> diagnostics = state == CacheFileState.Forged
            ? [DiagnosticCodes.CacheFileRejected.Create(
                $"The cache file {Path.GetFileName(path)} is not signed with this API key, so it was not used and will be replaced; someone or something else wrote it.",
                new SourceLocation(path),
                "Keep the --cache-dir folder private to the job (do not share it with untrusted jobs); delete the folder if this repeats.")]
            : [];
        return new CachingCatalog(inner, path, data ?? new CatalogCacheData { Source = inner.Source, CreatedAt = now }, token, ttl, time, diagnostics);
    }

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

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<CatalogResource>>(StringComparer.OrdinalIgnoreCase);
        var misses = new List<string>();
        foreach (var id in tableIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // A hit needs every listed column's details too; a partial entry is asked again.
            if (_columns.TryGetValue(id, out var columnIds) && columnIds.All(_resources.ContainsKey))
            {
                result[id] = [.. columnIds.Select(c => _resources[c])];
                Interlocked.Increment(ref _hits);
            }
            else
            {
                misses.Add(id);
            }
        }

        if (misses.Count > 0)
        {
            foreach (var (id, columns) in await _inner.GetColumnsAsync(misses, cancellationToken).ConfigureAwait(false))
            {
                result[id] = columns;
                foreach (var column in columns)
                {
                    _resources[column.Id] = column;
                }

                _columns[id] = [.. columns.Select(c => c.Id)];
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
            Columns = _columns.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        };
        CatalogCacheFile.TryWrite(_path, data, _token, _ttl, _time.GetUtcNow());
        (_inner as IDisposable)?.Dispose();
    }

    private static string TableKey(TableName table, string? integrationId) => table.ToString().ToUpperInvariant() + "|" + integrationId;
}
