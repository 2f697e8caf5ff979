using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json;

using DataContracts.Catalog;
using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Secoda;

/// <summary>
/// <see cref="ICatalog"/> over the Secoda REST API. One instance is one run: every table query, lineage node
/// and resource is requested at most once (answers and in-flight requests are shared), independent requests
/// run concurrently up to <see cref="SecodaOptions.MaxConcurrency"/>, and the instance owns its HTTP client.
/// See docs/catalog.md for the lookup strategy and how <c>direction</c> is read.
/// </summary>
internal sealed partial class SecodaCatalog : ILiveCatalog
{
    private static readonly HttpStatusCode[] CatalogRejected = [HttpStatusCode.BadRequest, HttpStatusCode.NotFound];
    private static readonly HttpStatusCode[] FilterRejected = [HttpStatusCode.BadRequest];

    private const int ListingLimit = 10_000;

    private readonly SecodaTransport _transport;
    private readonly int _idBatchSize;
    private readonly SecodaOptions _options;
    private readonly ConcurrentDictionary<(string Title, string Integration), Lazy<Task<IReadOnlyList<CatalogResource>>>> _titleQueries = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<string>>> _downstream = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CatalogResource?>> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();
    private int _useTablesEndpoint;
    private int _idInRejected;
    private int _lineageInRejected;

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
        _options = options;
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
        var (mine, all) = Claim(_downstream, ids);
        // Full batches: fewer, fuller pages. Spreading work over the concurrent slots is the caller's part (the
        // walker keeps several calls out at once), so a small call is not cut into one-id requests here.
        var size = Math.Max(1, _options.LineageBatchSize);
        await Task.WhenAll(mine.Chunk(size).Select(batch => Settle(batch, () => FetchDownstreamAsync(batch.Select(b => b.Id).ToArray(), cancellationToken), cancellationToken)));
        await Task.WhenAll(all.Select(a => a.Task));
        if (_options.PrefetchDetails)
        {
            Prefetch(mine.SelectMany(m => m.Source.Task.Result), cancellationToken);
        }

        return all.ToDictionary(a => a.Id, a => a.Task.Result, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyDictionary<string, CatalogResource>> GetResourcesAsync(
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var (mine, all) = Claim(_resources, ids);
        await Task.WhenAll(mine.Chunk(_idBatchSize).Select(batch => Settle(batch, () => FetchResourcesAsync(batch.Select(b => b.Id).ToArray(), cancellationToken), cancellationToken)));
        await Task.WhenAll(all.Select(a => a.Task));
        return all
            .Where(a => a.Task.Result is not null)
            .ToDictionary(a => a.Id, a => a.Task.Result!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every resource the key can see, through List Resources without a filter; each is remembered so its
    /// details are not fetched again. Secoda stops that listing at 10,000 rows: reaching it adds a DC6015 warning.
    /// </summary>
    public async Task<IReadOnlyList<CatalogResource>> ListAllAsync(CancellationToken cancellationToken)
    {
        var rows = await _transport.ReadAllAsync("the resource listing", ct => _transport.Api.ListAllResourcesAsync(ct), [], cancellationToken) ?? [];
        var resources = rows.Select(SecodaJson.ReadResource).OfType<CatalogResource>().ToList();
        foreach (var resource in resources)
        {
            Remember(resource);
        }

        if (rows.Count >= ListingLimit)
        {
            _diagnostics.Enqueue(DiagnosticCodes.CatalogListingTruncated.Create(
                $"Secoda returned {rows.Count} resources, its documented limit for one listing; resources past it are missing from the snapshot.",
                hint: "Take the snapshot from the contracts (without --all), which looks tables up by name and has no such limit."));
        }

        return resources;
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
            .Where(p => p.Value.Task.IsCompletedSuccessfully)
            .SelectMany(p => p.Value.Task.Result.Select(child => new LineageEdge(p.Key, child)))
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal);
        return new CatalogSnapshot { Source = Source, CreatedAt = createdAt, Resources = [.. resources], Lineage = [.. edges] };
    }

    public void Dispose() => _transport.Dispose();

    private async Task<CatalogResource?> FindOneAsync(TableName table, string? integrationId, CancellationToken cancellationToken)
    {
        // Secoda's exact filter is case-sensitive as far as anyone knows: try the name as written, then the
        // upper-case form (Snowflake), then lower-case (Postgres, BigQuery), stopping at the first hit. A title
        // in any other casing (`Customers` for dbt's `customers`) is found last by a `contains` query, whose
        // answers are matched case-insensitively (TableMatching), an exact-case title first.
        var titles = new[] { table.Name, table.Name.ToUpperInvariant(), table.Name.ToLowerInvariant() }
            .Distinct(StringComparer.Ordinal)
            .Select(t => (Title: t, Contains: false))
            .Append((Title: table.Name, Contains: true));
        foreach (var (title, contains) in titles)
        {
            var lazy = _titleQueries.GetOrAdd(
                ((contains ? "~" : "=") + title, integrationId ?? string.Empty),
                key => new Lazy<Task<IReadOnlyList<CatalogResource>>>(() => QueryTitleAsync(title, contains, integrationId, cancellationToken)));
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

    private async Task<IReadOnlyList<CatalogResource>> QueryTitleAsync(string title, bool contains, string? integrationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonElement>? rows = null;
        if (contains && Volatile.Read(ref _useTablesEndpoint) != 0)
        {
            return []; // the deprecated table/tables/ endpoint has only an exact title parameter
        }

        if (Volatile.Read(ref _useTablesEndpoint) == 0)
        {
            var filter = contains ? SecodaFilter.TitleContains(title, integrationId) : SecodaFilter.TitleExact(title, integrationId);
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

    /// <summary>
    /// Claims the ids nobody has asked for yet (the caller fetches those and settles their sources) and
    /// returns every id's task, so concurrent callers share one request per id.
    /// </summary>
    private static (List<(string Id, TaskCompletionSource<T> Source)> Mine, List<(string Id, Task<T> Task)> All) Claim<T>(
        ConcurrentDictionary<string, TaskCompletionSource<T>> memo, IEnumerable<string> ids)
    {
        var mine = new List<(string, TaskCompletionSource<T>)>();
        var all = new List<(string, Task<T>)>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var created = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var existing = memo.GetOrAdd(id, created);
            if (ReferenceEquals(existing, created))
            {
                mine.Add((id, created));
            }

            all.Add((id, existing.Task));
        }

        return (mine, all);
    }

    /// <summary>Runs one batch fetch and settles every claimed source with its answer, its failure or the cancellation.</summary>
    private static async Task Settle<T>(
        (string Id, TaskCompletionSource<T> Source)[] batch, Func<Task<IReadOnlyDictionary<string, T>>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await fetch();
            foreach (var (id, source) in batch)
            {
                source.TrySetResult(answers.GetValueOrDefault(id)!);
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

    /// <summary>
    /// Starts fetching details the walk will ask for at the end, so they travel alongside the next level's
    /// lineage instead of after it. Failures stay in the memo and surface when the walk asks.
    /// </summary>
    private void Prefetch(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(id => !_resources.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (wanted.Length > 0)
        {
            _ = GetResourcesAsync(wanted, cancellationToken).ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FetchDownstreamAsync(string[] ids, CancellationToken cancellationToken)
    {
        // Both readings of direction (docs/catalog.md): rows from X marked DOWNSTREAM (or unmarked) point at
        // children, and rows to X marked UPSTREAM come from children. Asking both ways also covers a
        // workspace that stores only one row per edge.
        var wanted = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<JsonElement>? fromRows = null, toRows = null;
        if (ids.Length > 1 && Volatile.Read(ref _lineageInRejected) == 0)
        {
            var list = string.Join(',', ids);
            var what = $"the lineage of {ids.Length} resources";
            // __in is documented but its list syntax is not: a row outside the batch means the server ignored
            // or misread the filter, and the batch is asked again one id at a time.
            var fromTask = _transport.ReadAllAsync(what, ct => _transport.Api.ListLineageFromAnyAsync(list, ct), FilterRejected, cancellationToken,
                row => SecodaJson.ReadLineage(row).From is { } f && wanted.Contains(f));
            var toTask = _transport.ReadAllAsync(what, ct => _transport.Api.ListLineageToAnyAsync(list, ct), FilterRejected, cancellationToken,
                row => SecodaJson.ReadLineage(row).To is { } t && wanted.Contains(t));
            (fromRows, toRows) = (await fromTask, await toTask);
            if ((fromRows is null || toRows is null) && Interlocked.Exchange(ref _lineageInRejected, 1) == 0)
            {
                _diagnostics.Enqueue(DiagnosticCodes.SecodaFallback.Create(
                    "Secoda did not honour from_entity__in/to_entity__in with a comma-separated list; reading lineage one resource at a time."));
            }
        }

        if (fromRows is null || toRows is null)
        {
            var single = await Task.WhenAll(ids.Select(async id =>
            {
                var f = _transport.ReadAllAsync("the lineage of " + id, ct => _transport.Api.ListLineageFromAsync(id, ct), [], cancellationToken);
                var t = _transport.ReadAllAsync("the lineage of " + id, ct => _transport.Api.ListLineageToAsync(id, ct), [], cancellationToken);
                return (From: (await f)!, To: (await t)!);
            }));
            fromRows = [.. single.SelectMany(s => s.From)];
            toRows = [.. single.SelectMany(s => s.To)];
        }

        SecodaJson.RequireReadableLineage(fromRows, $"the lineage from {ids.Length} resource(s)");
        SecodaJson.RequireReadableLineage(toRows, $"the lineage to {ids.Length} resource(s)");
        var children = ids.ToDictionary(id => id, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        foreach (var row in fromRows.Select(SecodaJson.ReadLineage))
        {
            if (row.From is not null && children.TryGetValue(row.From, out var set) && row.To is not null && !IsUpstream(row.Direction))
            {
                set.Add(row.To);
            }
        }

        foreach (var row in toRows.Select(SecodaJson.ReadLineage))
        {
            if (row.To is not null && children.TryGetValue(row.To, out var set) && row.From is not null && IsUpstream(row.Direction))
            {
                set.Add(row.From);
            }
        }

        return children.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<string>)[.. p.Value.Where(c => !Same(c, p.Key))],
            StringComparer.OrdinalIgnoreCase);
    }

    private async Task<IReadOnlyDictionary<string, CatalogResource?>> FetchResourcesAsync(string[] ids, CancellationToken cancellationToken)
    {
        IEnumerable<JsonElement>? rows = null;
        if (Volatile.Read(ref _idInRejected) == 0)
        {
            var filter = SecodaFilter.IdIn(ids);
            rows = await _transport.ReadAllAsync("resource details", ct => _transport.Api.ListResourcesAsync(filter, ct), FilterRejected, cancellationToken);
            if (rows is null && Interlocked.Exchange(ref _idInRejected, 1) == 0)
            {
                _diagnostics.Enqueue(DiagnosticCodes.SecodaFallback.Create(
                    "Secoda rejected an 'in' filter on id; fetching resource details one id at a time."));
            }
        }

        if (rows is null)
        {
            var single = await Task.WhenAll(ids.Select(id =>
            {
                var filter = SecodaFilter.IdExact(id);
                return _transport.ReadAllAsync("resource details", ct => _transport.Api.ListResourcesAsync(filter, ct), [], cancellationToken);
            }));
            rows = single.SelectMany(r => r!);
        }

        var found = new Dictionary<string, CatalogResource?>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in rows.Select(SecodaJson.ReadResource).OfType<CatalogResource>())
        {
            found.TryAdd(resource.Id, resource);
        }

        return found;
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
