using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

using DataContracts.Catalog;
using DataContracts.Diagnostics;

namespace DataContracts.Secoda;

/// <summary>
/// Column resources of a table, for column-level impact. Asked only when a change breaks named columns; each
/// table's columns are one List Resources query (all pages), made at most once per run, under the same
/// concurrency gate and request budget as every other request. Column lineage needs nothing new: a column id
/// goes through <see cref="GetDownstreamAsync"/> like any other node. See docs/catalog.md, "Columns".
/// </summary>
internal sealed partial class SecodaCatalog
{
    private static readonly HttpStatusCode[] ColumnFilterRejected = [HttpStatusCode.BadRequest];

    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<CatalogResource>>> _columns = new(StringComparer.OrdinalIgnoreCase);
    private int _columnFilterRejected;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> GetColumnsAsync(
        IReadOnlyCollection<string> tableIds, CancellationToken cancellationToken)
    {
        var (mine, all) = Claim(_columns, tableIds);
        // One request (and its pages) per table: the filter takes one parent, and tables are few.
        await Task.WhenAll(mine.Select(claim => Settle([claim], () => FetchOneAsync(claim.Id), cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(all.Select(a => a.Task)).ConfigureAwait(false);
        return all.ToDictionary(a => a.Id, a => a.Task.Result ?? [], StringComparer.OrdinalIgnoreCase);

        async Task<IReadOnlyDictionary<string, IReadOnlyList<CatalogResource>>> FetchOneAsync(string tableId) =>
            new Dictionary<string, IReadOnlyList<CatalogResource>>(StringComparer.OrdinalIgnoreCase)
            {
                [tableId] = await FetchColumnsAsync(tableId, cancellationToken).ConfigureAwait(false),
            };
    }

    /// <summary>
    /// The documented filter (type <c>column</c>, <c>parent_id</c> in [table]). Rows are checked on the client:
    /// only columns whose parent is the table count, so a server that ignored the filter cannot lend a table
    /// another table's columns. A rejected filter leaves the columns unknown (DC6060), which counts every
    /// consumer as breaking, rather than failing a run whose table-level answer is still sound.
    /// </summary>
    private async Task<IReadOnlyList<CatalogResource>> FetchColumnsAsync(string tableId, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _columnFilterRejected) != 0)
        {
            return [];
        }

        var filter = ColumnFilter(tableId);
        var rows = await _transport.ReadAllAsync($"the columns of {tableId}", ct => _transport.Api.ListResourcesAsync(filter, ct), ColumnFilterRejected, cancellationToken)
            .ConfigureAwait(false);
        if (rows is null)
        {
            if (Interlocked.Exchange(ref _columnFilterRejected, 1) == 0)
            {
                _diagnostics.Enqueue(DiagnosticCodes.SecodaColumnsUnavailable.Create(
                    "Secoda rejected the resource/catalog/ filter on type 'column' and parent_id, so column lineage is unknown for this run; every downstream consumer counts as breaking.",
                    hint: "Check that the API key may list columns; the table-level result is unaffected."));
            }

            return [];
        }

        var resources = rows.Select(SecodaJson.ReadResource).OfType<CatalogResource>().ToList();
        var columns = resources
            .Where(r => r.IsColumn && string.Equals(r.ParentId, tableId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (columns.Count < resources.Count)
        {
            _diagnostics.Enqueue(DiagnosticCodes.SecodaForeignColumns.Create(
                $"Secoda returned {resources.Count - columns.Count} resource(s) that are not columns of table {tableId} when asked for its columns; they were ignored.",
                hint: "If the table's columns are missing from the report, the server may not honour the parent_id filter; report it to Secoda."));
        }

        foreach (var column in columns)
        {
            Remember(column);
        }

        return columns;
    }

    private static string ColumnFilter(string tableId) => new JsonObject
    {
        ["operator"] = "and",
        ["operands"] = new JsonArray(
            new JsonObject { ["operator"] = "exact", ["field"] = "type", ["value"] = "column" },
            new JsonObject { ["operator"] = "in", ["field"] = "parent_id", ["value"] = new JsonArray(JsonValue.Create(tableId)) }),
    }.ToJsonString();
}
