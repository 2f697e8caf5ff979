using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataContracts.Fakes;

/// <summary>
/// A Secoda API on loopback (real Kestrel, real HTTP) that serves the documented endpoints with their quirks:
/// routes with and without <c>/api/v1</c>, Django's redirect when the trailing slash is missing, bearer auth
/// with <c>{"detail":…}</c> errors, the <c>links/meta/count/total_pages/results</c> envelope in pages of
/// <see cref="PageSize"/> with absolute <c>links.next</c> and the string <c>"None"</c>, catalog filters,
/// <c>table/tables/</c>, and <c>lineage/manual/</c> storing two rows per edge (DOWNSTREAM and its UPSTREAM
/// mirror). Every request is logged; <see cref="OnRequest"/> can replace any answer to inject faults.
/// </summary>
public sealed class FakeSecodaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeResource> _resources = new(StringComparer.Ordinal);
    private readonly List<FakeLineageRow> _lineage = [];
    private readonly Dictionary<string, List<FakeLineageRow>> _byFrom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FakeLineageRow>> _byTo = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private int _sequence;

    private FakeSecodaServer(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The API base a client should be configured with: <see cref="BaseUrl"/> plus <c>api/v1/</c>.</summary>
    public Uri ApiUrl => new(BaseUrl, "api/v1/");

    public string Token { get; }

    public int PageSize { get; set; } = 50;

    public LineageFieldStyle LineageFields { get; set; } = LineageFieldStyle.FromEntity;

    /// <summary>Put the next link at top-level <c>next</c> instead of <c>links.next</c> (some endpoints do).</summary>
    public bool NextAtTopLevel { get; set; }

    /// <summary>Rewrites every next-page link (e.g. to another host) before it is sent.</summary>
    public Func<Uri, Uri>? RewriteNextLink { get; set; }

    /// <summary>Fault hook: return a response to send instead of the normal one, or null to proceed.</summary>
    public Func<FakeRequest, FakeResponse?>? OnRequest { get; set; }

    /// <summary>Awaited before each answer: a test holds requests at a gate to shape concurrency instead of sleeping.</summary>
    public Func<FakeRequest, CancellationToken, Task>? Hold { get; set; }

    /// <summary>A declarative fault plan, consulted after <see cref="OnRequest"/>; its latency applies to every answer.</summary>
    public FakeFaultPlan? Faults { get; set; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Starts a server on <paramref name="host"/> (a loopback address) and port 0.</summary>
    public static async Task<FakeSecodaServer> StartAsync(string token = "fake-secoda-token", string host = "127.0.0.1", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:0");
        var app = builder.Build();
        var server = new FakeSecodaServer(app, token);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void AddResource(FakeResource resource) => _resources[resource.Id] = resource;

    /// <summary>Data flows from <paramref name="from"/> to <paramref name="to"/>: stores both rows Secoda keeps.</summary>
    public void AddEdge(string from, string to)
    {
        AddLineageRow(from, to, "DOWNSTREAM");
        AddLineageRow(to, from, "UPSTREAM");
    }

    /// <summary>Stores one raw row, for odd directions or a one-row-per-edge workspace.</summary>
    public void AddLineageRow(string from, string to, string? direction)
    {
        lock (_lineage)
        {
            var row = new FakeLineageRow($"00000000-0000-4000-8000-{_lineage.Count:D12}", from, to, direction);
            _lineage.Add(row);
            // Indexed by both ends so a benchmark-sized workspace (hundreds of thousands of rows) answers quickly.
            (ListFor(_byFrom, from)).Add(row);
            (ListFor(_byTo, to)).Add(row);
        }
    }

    public int CountRequests(string route, Func<FakeRequest, bool>? where = null) =>
        Requests.Count(r => r.Route == route && (where is null || where(r)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var route = path.StartsWith("/api/v1/", StringComparison.Ordinal) ? path["/api/v1".Length..] : path;
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var authorization = context.Request.Headers.Authorization.ToString();
        var request = new FakeRequest(
            Interlocked.Increment(ref _sequence),
            context.Request.Method,
            route,
            path + context.Request.QueryString,
            query,
            string.IsNullOrEmpty(authorization) ? null : authorization,
            authorization == $"Bearer {Token}");
        _requests.Enqueue(request);

        if (Faults is { Latency: var latency } && latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (Hold is { } hold)
        {
            try
            {
                await hold(request, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if ((OnRequest?.Invoke(request) ?? Faults?.Decide(request)) is { } fault)
        {
            await SendFaultAsync(context, fault);
            return;
        }

        if (!route.EndsWith('/'))
        {
            // Django's APPEND_SLASH answer.
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = path + "/" + context.Request.QueryString;
            return;
        }

        if (!request.Authorized)
        {
            await WriteJsonAsync(context, 401, new JsonObject
            {
                ["detail"] = request.Authorization is null ? "Authentication credentials were not provided." : "Invalid token.",
            });
            return;
        }

        try
        {
            switch (route)
            {
                case "/resource/catalog/":
                    var filter = query.TryGetValue("filter", out var f) ? FakeCatalogFilter.Parse(f) : _ => true;
                    var pinned = f is null ? null : FakeCatalogFilter.PinnedIds(f);
                    var candidates = pinned is null ? _resources.Values : pinned.Select(id => _resources.GetValueOrDefault(id)).OfType<FakeResource>();
                    await WritePageAsync(context, candidates.Where(filter).OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => ResourceJson(r, withTableFields: false)).ToList());
                    break;
                case "/table/tables/":
                    var tables = _resources.Values.Where(r => r.EntityType == "table"
                        && (!query.TryGetValue("title", out var t) || r.Title == t)
                        && (!query.TryGetValue("integration_id", out var i) || r.IntegrationId == i));
                    await WritePageAsync(context, tables.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => ResourceJson(r, withTableFields: true)).ToList());
                    break;
                case "/lineage/manual/":
                    await WritePageAsync(context, LineageRows(query).Select(LineageJson).ToList());
                    break;
                default:
                    await WriteJsonAsync(context, 404, new JsonObject { ["detail"] = "Not found." });
                    break;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["detail"] = "Bad request: " + ex.Message });
        }
    }

    private List<FakeLineageRow> LineageRows(Dictionary<string, string> query)
    {
        static HashSet<string>? Ids(Dictionary<string, string> q, string name) =>
            q.TryGetValue(name, out var v) ? [v] : q.TryGetValue(name + "_id", out var w) ? [w] :
            q.TryGetValue(name + "__in", out var list) ? list.Split(',', StringSplitOptions.TrimEntries).ToHashSet() : null;

        var from = Ids(query, "from_entity");
        var to = Ids(query, "to_entity");
        lock (_lineage)
        {
            IEnumerable<FakeLineageRow> candidates = from is not null ? from.SelectMany(id => _byFrom.GetValueOrDefault(id) ?? [])
                : to is not null ? to.SelectMany(id => _byTo.GetValueOrDefault(id) ?? [])
                : _lineage;
            return [.. candidates.Where(r => (from is null || from.Contains(r.From)) && (to is null || to.Contains(r.To))).OrderBy(r => r.Id, StringComparer.Ordinal)];
        }
    }

    private static List<FakeLineageRow> ListFor(Dictionary<string, List<FakeLineageRow>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }

    private async Task WritePageAsync(HttpContext context, List<JsonObject> items)
    {
        var size = Math.Max(1, PageSize);
        var totalPages = Math.Max(1, (items.Count + size - 1) / size);
        var page = 1;
        if (context.Request.Query.TryGetValue("page", out var p) && (!int.TryParse(p, out page) || page < 1 || page > totalPages))
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["detail"] = "Invalid page." });
            return;
        }

        string PageUrl(int n)
        {
            var q = QueryHelpers(context.Request.Query, n);
            var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{q}");
            var rewrite = RewriteNextLink ?? Faults?.NextLinks;
            return (rewrite?.Invoke(url) ?? url).AbsoluteUri;
        }

        var next = page < totalPages ? PageUrl(page + 1) : null;
        var body = new JsonObject
        {
            ["links"] = new JsonObject { ["next"] = NextAtTopLevel ? null : next, ["previous"] = page > 1 ? PageUrl(page - 1) : "None" },
            ["meta"] = new JsonObject { ["page"] = page, ["previous_page"] = page > 1 ? page - 1 : "None", ["next_page"] = page < totalPages ? page + 1 : "None" },
            ["count"] = items.Count,
            ["total_pages"] = totalPages,
            ["results"] = new JsonArray([.. items.Skip((page - 1) * size).Take(size)]),
        };
        if (NextAtTopLevel)
        {
            body["next"] = next;
        }

        await WriteJsonAsync(context, 200, body);
    }

    private static string QueryHelpers(IQueryCollection query, int page)
    {
        var builder = new QueryBuilder(query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return builder.ToQueryString().Value ?? string.Empty;
    }

    private static JsonObject ResourceJson(FakeResource r, bool withTableFields)
    {
        var json = new JsonObject
        {
            ["id"] = r.Id,
            ["created_at"] = "2023-08-16T23:12:53.245493Z",
            ["updated_at"] = "2023-08-16T23:12:53.245507Z",
            ["entity_type"] = r.EntityType,
            ["native_type"] = r.NativeType ?? "None",
            ["title"] = r.Title,
            ["title_full"] = r.TitleFull,
            ["description"] = "None",
            ["owners"] = new JsonArray([.. r.Owners.Select(o => (JsonNode?)o)]),
            ["integration"] = r.IntegrationId ?? "None",
            ["url"] = r.Url ?? "None",
            ["parent"] = r.ParentId ?? "None",
        };
        if (r.DataType is not null)
        {
            json["type"] = r.DataType;
        }

        if (withTableFields)
        {
            json["schema"] = r.Schema;
            json["database"] = r.Database;
        }

        return json;
    }

    private JsonObject LineageJson(FakeLineageRow row)
    {
        var json = new JsonObject
        {
            ["id"] = row.Id,
            ["created_at"] = "2025-11-26T00:17:16.067Z",
            ["updated_at"] = "2025-11-26T00:17:16.067Z",
        };
        switch (LineageFields)
        {
            case LineageFieldStyle.FromEntityId:
                json["from_entity_id"] = row.From;
                json["to_entity_id"] = row.To;
                break;
            case LineageFieldStyle.Nested:
                json["from_entity"] = new JsonObject { ["id"] = row.From, ["title"] = _resources.GetValueOrDefault(row.From)?.Title };
                json["to_entity"] = new JsonObject { ["id"] = row.To, ["title"] = _resources.GetValueOrDefault(row.To)?.Title };
                break;
            case LineageFieldStyle.Unfamiliar:
                json["source_id"] = row.From;
                json["target_id"] = row.To;
                break;
            default:
                json["from_entity"] = row.From;
                json["to_entity"] = row.To;
                break;
        }

        json["direction"] = row.Direction;
        json["is_manual"] = false;
        return json;
    }

    private static async Task SendFaultAsync(HttpContext context, FakeResponse fault)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (fault.Abort)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = fault.Status;
        foreach (var (name, value) in fault.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = fault.ContentType;
        await context.Response.WriteAsync(fault.Body);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
