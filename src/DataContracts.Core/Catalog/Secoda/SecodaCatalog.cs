using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json;

using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Models;

namespace DataContracts.Catalog.Secoda;

/// <summary>
/// <see cref="ICatalog"/> over the Secoda REST API. One instance is one run: every table query, lineage node
/// and resource is requested at most once (answers and in-flight requests are shared), independent requests
/// run concurrently up to <see cref="SecodaOptions.MaxConcurrency"/>, and the instance owns its HTTP client.
/// See docs/catalog.md for the lookup strategy and how <c>direction</c> is read.
/// </summary>
public sealed class SecodaCatalog : ICatalog, IDisposable
{
    private static readonly HttpStatusCode[] CatalogRejected = [HttpStatusCode.BadRequest, HttpStatusCode.NotFound];
    private static readonly HttpStatusCode[] FilterRejected = [HttpStatusCode.BadRequest];

    private readonly SecodaTransport _transport;
    private readonly int _idBatchSize;
    private readonly ConcurrentDictionary<(string Title, string Integration), Lazy<Task<IReadOnlyList<CatalogResource>>>> _titleQueries = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _downstream = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CatalogResource?>> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();
    private int _useTablesEndpoint;
    private int _idInRejected;

    /// <summary>
    /// Creates the client. Throws <see cref="InputException"/> for an unusable URL (DC6010) or an empty token
    /// (DC6011). <paramref name="primaryHandler"/> replaces the socket handler (tests); the catalog owns it.
    /// </summary>
    public SecodaCatalog(SecodaOptions options, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            throw new InputException(DiagnosticCodes.SecodaMissingToken.Create(
                "No Secoda API key was given.",
                hint: "Set SECODA_API_TOKEN (or the variable named by secoda.token_env), or configure secoda.snapshot to run offline."));
        }

        BaseUri = SecodaUrl.Normalize(options.BaseUrl);
        _idBatchSize = Math.Max(1, options.IdBatchSize);
        _transport = new SecodaTransport(BaseUri, options, primaryHandler);
    }

    /// <summary>The normalised API base (always ends in <c>/api/v1/</c>).</summary>
    public Uri BaseUri { get; }

    public string Source => BaseUri.AbsoluteUri;

    public int RequestCount => _transport.RequestCount;

    /// <summary>Non-fatal findings of this run: endpoint fallbacks (DC6012) and ambiguous names (DC6013).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => [.. _diagnostics];

    public async Task<IReadOnlyDictionary<TableName, CatalogResource>> FindTablesAsync(
        IReadOnlyCollection<TableName> tables, string? integrationId, CancellationToken cancellationToken)
    {
        var lookups = tables.Distinct().Select(async t => (Name: t, Found: await FindOneAsync(t, integrationId, cancellationToken)));
        var results = await Task.WhenAll(lookups);
        return results.Where(r => r.Found is not null).ToDictionary(r => r.Name, r => r.Found!);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetDownstreamAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var walks = ids.Distinct(StringComparer.OrdinalIgnoreCase).Select(async id =>
        {
            var lazy = _downstream.GetOrAdd(id, key => new Lazy<Task<IReadOnlyList<string>>>(() => FetchDownstreamAsync(key, cancellationToken)));
            return (Id: id, Children: await lazy.Value);
        });
        var results = await Task.WhenAll(walks);
        return results.ToDictionary(r => r.Id, r => r.Children, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var mine = new List<(string Id, TaskCompletionSource<CatalogResource?> Source)>();
        var all = new List<(string Id, Task<CatalogResource?> Task)>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var created = new TaskCompletionSource<CatalogResource?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var existing = _resources.GetOrAdd(id, created);
            if (ReferenceEquals(existing, created))
            {
                mine.Add((id, created));
            }

            all.Add((id, existing.Task));
        }

        await Task.WhenAll(mine.Chunk(_idBatchSize).Select(batch => FetchResourcesAsync(batch, cancellationToken)));
        await Task.WhenAll(all.Select(a => a.Task));
        return all
            .Where(a => a.Task.Result is not null)
            .ToDictionary(a => a.Id, a => a.Task.Result!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Everything this run has read, as a snapshot: the resources fetched or found and the lineage edges of
    /// every node walked. Used by <c>datacontracts snapshot</c> after walking the contracts' tables.
    /// </summary>
    public CatalogSnapshot ToSnapshot(DateTimeOffset createdAt)
    {
        var resources = _resources.Values
            .Where(s => s.Task.IsCompletedSuccessfully && s.Task.Result is not null)
            .Select(s => s.Task.Result!)
            .OrderBy(r => r.Id, StringComparer.Ordinal);
        var edges = _downstream
            .Where(p => p.Value.IsValueCreated && p.Value.Value.IsCompletedSuccessfully)
            .SelectMany(p => p.Value.Value.Result.Select(child => new LineageEdge(p.Key, child)))
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal);
        return new CatalogSnapshot { Source = Source, CreatedAt = createdAt, Resources = [.. resources], Lineage = [.. edges] };
    }

    public void Dispose() => _transport.Dispose();

    private async Task<CatalogResource?> FindOneAsync(TableName table, string? integrationId, CancellationToken cancellationToken)
    {
        // Secoda's exact filter is case-sensitive as far as anyone knows: try the name as written, then the
        // upper-case form (Snowflake), then lower-case (Postgres, BigQuery), stopping at the first hit.
        foreach (var title in new[] { table.Name, table.Name.ToUpperInvariant(), table.Name.ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
        {
            var lazy = _titleQueries.GetOrAdd(
                (title, integrationId ?? string.Empty),
                key => new Lazy<Task<IReadOnlyList<CatalogResource>>>(() => QueryTitleAsync(key.Title, integrationId, cancellationToken)));
            var candidates = await lazy.Value;
            var (best, count) = TableMatching.Pick(table, candidates, integrationId);
            if (best is not null)
            {
                if (count > 1)
                {
                    _diagnostics.Enqueue(DiagnosticCodes.CatalogAmbiguousTable.Create(
                        $"{count} Secoda tables match '{table}'; using {best.AsTable} ({best.Id}).",
                        hint: "Name the table fully (database.schema.name), set secoda.integration_id, or give the contract a secoda_id."));
                }

                return best;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<CatalogResource>> QueryTitleAsync(string title, string? integrationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonElement>? rows = null;
        if (Volatile.Read(ref _useTablesEndpoint) == 0)
        {
            var filter = SecodaFilter.TitleExact(title, integrationId);
            rows = await _transport.ReadAllAsync("the table lookup", ct => _transport.Api.ListResourcesAsync(filter, ct), CatalogRejected, cancellationToken);
            if (rows is null && Interlocked.Exchange(ref _useTablesEndpoint, 1) == 0)
            {
                _diagnostics.Enqueue(DiagnosticCodes.SecodaFallback.Create(
                    "Secoda rejected the resource/catalog/ table filter; looking tables up through the deprecated table/tables/ endpoint instead."));
            }
        }

        var fromTablesEndpoint = rows is null;
        rows ??= await _transport.ReadAllAsync(
            "the table lookup (table/tables)", ct => _transport.Api.ListTablesAsync(title, integrationId, ct), [], cancellationToken) ?? [];
        var resources = rows
            .Select(SecodaJson.ReadResource)
            .OfType<CatalogResource>()
            .Select(r => fromTablesEndpoint && r.EntityType == "unknown" ? r with { EntityType = "table" } : r)
            .ToList();
        foreach (var resource in resources)
        {
            Remember(resource);
        }

        return resources;
    }

    private async Task<IReadOnlyList<string>> FetchDownstreamAsync(string id, CancellationToken cancellationToken)
    {
        // Both readings of direction (docs/catalog.md): rows from X marked DOWNSTREAM (or unmarked) point at
        // children, and rows to X marked UPSTREAM come from children. Asking both ways also covers a
        // workspace that stores only one row per edge.
        var fromRows = _transport.ReadAllAsync("the lineage of " + id, ct => _transport.Api.ListLineageFromAsync(id, ct), [], cancellationToken);
        var toRows = _transport.ReadAllAsync("the lineage of " + id, ct => _transport.Api.ListLineageToAsync(id, ct), [], cancellationToken);
        await Task.WhenAll(fromRows, toRows);

        var children = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in (await fromRows)!.Select(SecodaJson.ReadLineage))
        {
            if (Same(row.From, id) && row.To is not null && !IsUpstream(row.Direction))
            {
                children.Add(row.To);
            }
        }

        foreach (var row in (await toRows)!.Select(SecodaJson.ReadLineage))
        {
            if (Same(row.To, id) && row.From is not null && IsUpstream(row.Direction))
            {
                children.Add(row.From);
            }
        }

        children.RemoveWhere(c => Same(c, id));
        return [.. children];
    }

    private async Task FetchResourcesAsync(
        (string Id, TaskCompletionSource<CatalogResource?> Source)[] batch, CancellationToken cancellationToken)
    {
        try
        {
            IEnumerable<JsonElement>? rows = null;
            if (Volatile.Read(ref _idInRejected) == 0)
            {
                var filter = SecodaFilter.IdIn(batch.Select(b => b.Id));
                rows = await _transport.ReadAllAsync("resource details", ct => _transport.Api.ListResourcesAsync(filter, ct), FilterRejected, cancellationToken);
                if (rows is null && Interlocked.Exchange(ref _idInRejected, 1) == 0)
                {
                    _diagnostics.Enqueue(DiagnosticCodes.SecodaFallback.Create(
                        "Secoda rejected an 'in' filter on id; fetching resource details one id at a time."));
                }
            }

            if (rows is null)
            {
                var single = await Task.WhenAll(batch.Select(b =>
                {
                    var filter = SecodaFilter.IdExact(b.Id);
                    return _transport.ReadAllAsync("resource details", ct => _transport.Api.ListResourcesAsync(filter, ct), [], cancellationToken);
                }));
                rows = single.SelectMany(r => r!);
            }

            var found = new Dictionary<string, CatalogResource>(StringComparer.OrdinalIgnoreCase);
            foreach (var resource in rows.Select(SecodaJson.ReadResource).OfType<CatalogResource>())
            {
                found.TryAdd(resource.Id, resource);
            }

            foreach (var (id, source) in batch)
            {
                source.TrySetResult(found.GetValueOrDefault(id));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var (_, source) in batch)
            {
                source.TrySetCanceled(cancellationToken);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, source) in batch)
            {
                source.TrySetException(ex);
            }
        }
    }

    private void Remember(CatalogResource resource)
    {
        var known = new TaskCompletionSource<CatalogResource?>(TaskCreationOptions.RunContinuationsAsynchronously);
        known.SetResult(resource);
        _resources.TryAdd(resource.Id, known);
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsUpstream(string? direction) => string.Equals(direction, "UPSTREAM", StringComparison.OrdinalIgnoreCase);
}
