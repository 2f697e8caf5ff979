using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataContracts.Fakes;

/// <summary>
/// The GitHub REST endpoints the tool uses, on loopback (real Kestrel, real HTTP): issue comments (list, create,
/// update, delete), pull requests (head, files, requested reviewers), commit statuses and the token's user
/// (the other files of this partial class). Listings are paginated like GitHub (<c>per_page</c> default 30, max 100,
/// <c>Link</c> header with absolute <c>next</c>/<c>last</c> URLs), every answer carries rate-limit headers,
/// and the error cases are GitHub's own: 401 for a wrong token, 403 for a read-only token writing, 403 with
/// <c>Retry-After</c> for the secondary rate limit, 422 for a body over 65,536 characters, 404 for unknown
/// repositories and numbers. Seed it with comments by other people; inspect comments and the request log.
/// Paths are accepted with or without GitHub Enterprise's <c>/api/v3</c> prefix.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    public const int MaxBodyLength = 65_536;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<long, FakeGitHubComment> comments = new();
    private readonly ConcurrentDictionary<int, FakeGitHubPullRequest> pullRequests = new();
    private readonly ConcurrentQueue<FakeGitHubRequest> requests = new();
    private readonly ConcurrentQueue<FakeGitHubResponse> queuedFaults = new();
    private readonly Lock gate = new();
    private long nextId = 1000;
    private int remaining = 5000;

    private FakeGitHubServer(WebApplication app, string repository, string token)
    {
        this.app = app;
        Repository = repository;
        Token = token;
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>; use it as <c>GITHUB_API_URL</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><c>owner/name</c>; other repositories answer 404.</summary>
    public string Repository { get; }

    public string Token { get; }

    /// <summary>The login an installation token (<see cref="TokenLogin"/> null) writes as: GitHub Actions' bot.</summary>
    public string BotLogin { get; set; } = "github-actions[bot]";

    /// <summary>The user the token belongs to (a personal token); null for an installation token, which cannot read <c>GET /user</c>.</summary>
    public string? TokenLogin { get; set; }

    /// <summary>Who the token writes as: comments and statuses it creates carry this login.</summary>
    public string WriterLogin => TokenLogin ?? BotLogin;

    /// <summary>Fault hook: return a response to send instead of the normal one, or null to proceed.</summary>
    public Func<FakeGitHubRequest, FakeGitHubResponse?>? OnRequest { get; set; }

    public IReadOnlyList<FakeGitHubRequest> Requests => [.. requests];

    /// <summary>
    /// A broken or hostile server's <c>Link</c> header for the listings whose path contains <see cref="BrokenPagingPath"/>
    /// (every listing when null): see <see cref="FakeGitHubPaging"/>.
    /// </summary>
    public FakeGitHubPaging Paging { get; set; } = FakeGitHubPaging.Normal;

    public string? BrokenPagingPath { get; set; }

    public static async Task<FakeGitHubServer> StartAsync(string repository = "octo/shop", string token = "ghs_fake_token_0123456789", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGitHubServer(app, repository, token);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Declares a pull request (with its changed files) so its endpoints answer; change its head or author through the result.</summary>
    public FakeGitHubPullRequest AddPullRequest(int number, params FakeGitHubFile[] files) =>
        pullRequests[number] = new FakeGitHubPullRequest(number) { Files = [.. files] };

    public FakeGitHubPullRequest PullRequest(int number) => pullRequests[number];

    /// <summary>The declared pull requests by number.</summary>
    public IReadOnlyDictionary<int, FakeGitHubPullRequest> PullRequests => pullRequests;

    /// <summary>Seeds a comment as if <paramref name="user"/> had written it.</summary>
    public FakeGitHubComment AddComment(int issue, string user, string body)
    {
        var now = DateTimeOffset.UtcNow;
        var comment = new FakeGitHubComment(Interlocked.Increment(ref nextId), issue, user, body, now, now);
        comments[comment.Id] = comment;
        return comment;
    }

    /// <summary>The comments on an issue or pull request, oldest first.</summary>
    public IReadOnlyList<FakeGitHubComment> CommentsOn(int issue) =>
        [.. comments.Values.Where(c => c.Issue == issue).OrderBy(c => c.Id)];

    /// <summary>Deletes a comment as its author would in the browser (a racing run, a person tidying up).</summary>
    public void DeleteComment(long id) => comments.TryRemove(id, out _);

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="response"/>.</summary>
    public void FailNext(FakeGitHubResponse response, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            queuedFaults.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await StopBlobHostAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/api/v3/", StringComparison.Ordinal))
        {
            path = path["/api/v3".Length..];
        }

        string? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Method is "POST" or "PATCH")
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var authorized = IsAuthorized(http.Request.Headers.Authorization.ToString());
        var request = new FakeGitHubRequest(http.Request.Method, http.Request.Path.Value ?? "/", http.Request.QueryString.Value ?? string.Empty, body, authorized);
        requests.Enqueue(request);
        AddRateLimitHeaders(http.Response);

        var fault = OnRequest?.Invoke(request) ?? (queuedFaults.TryDequeue(out var queued) ? queued : null);
        if (fault is not null)
        {
            await WriteAsync(http, fault.Status, fault.Json, fault.Headers);
            return;
        }

        if (!authorized)
        {
            await WriteAsync(http, 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""");
            return;
        }

        if (http.Request.Method == "GET" && path.TrimEnd('/') == "/user")
        {
            await CurrentUserAsync(http);
            return;
        }

        if (http.Request.Method == "GET" && await RouteArtifactsAsync(http, path))
        {
            return;
        }

        var match = Route().Match(path);
        if (!match.Success || !string.Equals($"{match.Groups["owner"].Value}/{match.Groups["repo"].Value}", Repository, StringComparison.OrdinalIgnoreCase))
        {
            await NotFoundAsync(http);
            return;
        }

        var rest = match.Groups["rest"].Value;
        var handled = http.Request.Method switch
        {
            "GET" or "POST" or "PATCH" or "DELETE" when await RouteCommentsAsync(http, rest, body) => true,
            "GET" or "POST" when await RoutePullsAsync(http, rest, body) => true,
            "GET" or "POST" when await RouteStatusesAsync(http, rest, body) => true,
            "GET" when await RouteContentsAsync(http, rest) => true,
            _ => false,
        };
        if (!handled)
        {
            await NotFoundAsync(http);
        }
    }

    /// <summary>Writes one page and the <c>Link</c> header exactly as GitHub does (absolute URLs, rel next/last/first/prev).</summary>
    private async Task WritePageAsync<T>(HttpContext http, IReadOnlyList<T> items, Func<T, JsonObject> toJson)
    {
        var perPage = int.TryParse(http.Request.Query["per_page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100) : 30;
        var page = int.TryParse(http.Request.Query["page"], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var links = new List<string>();
        string PageUrl(int number) => $"<{BaseUrl.AbsoluteUri.TrimEnd('/')}{http.Request.Path.Value}?per_page={perPage}&page={number}>";
        var broken = Paging != FakeGitHubPaging.Normal && (BrokenPagingPath is null || (http.Request.Path.Value ?? string.Empty).Contains(BrokenPagingPath, StringComparison.Ordinal));
        if (broken && Paging == FakeGitHubPaging.SelfLink)
        {
            // The page's own URL as its next page, as the attack run's proxy answered.
            links.Add($"<{BaseUrl.AbsoluteUri.TrimEnd('/')}{http.Request.Path.Value}{http.Request.QueryString.Value}>; rel=\"next\"");
        }
        else if (broken && Paging == FakeGitHubPaging.Endless)
        {
            links.Add($"{PageUrl(page + 1)}; rel=\"next\"");
        }
        else if (page < last)
        {
            links.Add($"{PageUrl(page + 1)}; rel=\"next\"");
            links.Add($"{PageUrl(last)}; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"{PageUrl(1)}; rel=\"first\"");
            links.Add($"{PageUrl(page - 1)}; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            http.Response.Headers["Link"] = string.Join(", ", links);
        }

        var array = new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)toJson(i))]);
        await WriteAsync(http, 200, array.ToJsonString());
    }

    private bool IsAuthorized(string header)
    {
        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("token", StringComparison.OrdinalIgnoreCase))
            && parts[1] == Token;
    }

    private void AddRateLimitHeaders(HttpResponse response)
    {
        int left;
        lock (gate)
        {
            left = remaining = Math.Max(0, remaining - 1);
        }

        response.Headers["X-RateLimit-Limit"] = "5000";
        response.Headers["X-RateLimit-Remaining"] = left.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Used"] = (5000 - left).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Resource"] = "core";
        response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
    }

    private static Task NotFoundAsync(HttpContext http) =>
        WriteAsync(http, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""");

    private static async Task WriteAsync(HttpContext http, int status, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        await http.Response.WriteAsync(json, http.RequestAborted);
    }

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/(?<rest>.+)$")]
    private static partial Regex Route();
}
