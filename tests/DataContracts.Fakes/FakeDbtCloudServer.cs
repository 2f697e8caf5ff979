using System.Collections.Concurrent;
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
/// dbt Cloud's Administrative API v2 artifact endpoint, on loopback: <c>GET /api/v2/accounts/{account}/jobs/{job}/
/// artifacts/{path}</c> answers the file of the job's most recent successful run. <c>Authorization: Token …</c> (or
/// <c>Bearer …</c>) must carry <see cref="Token"/>, else 401 with dbt Cloud's envelope; an unknown account, job or
/// file is 404 in the same envelope.
/// </summary>
public sealed partial class FakeDbtCloudServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<(long Account, long Job), ConcurrentDictionary<string, byte[]>> jobs = new();
    private readonly ConcurrentQueue<(string Path, string? Authorization)> requests = new();

    private FakeDbtCloudServer(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string Token { get; }

    public IReadOnlyList<(string Path, string? Authorization)> Requests => [.. requests];

    public static async Task<FakeDbtCloudServer> StartAsync(string token = "dbtc_fake_service_token_0123456789", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeDbtCloudServer(app, token);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Declares a job whose latest successful run produced these artifacts (path → content).</summary>
    public void AddJob(long account, long job, IReadOnlyDictionary<string, byte[]> artifacts) =>
        jobs[(account, job)] = new ConcurrentDictionary<string, byte[]>(artifacts);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var authorization = http.Request.Headers.Authorization.ToString();
        requests.Enqueue((path, authorization.Length == 0 ? null : authorization));
        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !(parts[0].Equals("Token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase)) || parts[1] != Token)
        {
            await WriteAsync(http, 401, """{"status":{"code":401,"is_success":false,"user_message":"Invalid token.","developer_message":null},"data":null}""");
            return;
        }

        var match = ArtifactPath().Match(path);
        if (http.Request.Method != "GET" || !match.Success
            || !jobs.TryGetValue((long.Parse(match.Groups["account"].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups["job"].Value, System.Globalization.CultureInfo.InvariantCulture)), out var files)
            || !files.TryGetValue(match.Groups["file"].Value, out var content))
        {
            await WriteAsync(http, 404, """{"status":{"code":404,"is_success":false,"user_message":"The requested resource could not be found.","developer_message":null},"data":null}""");
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, http.RequestAborted);
    }

    [GeneratedRegex("^/api/v2/accounts/(?<account>[0-9]+)/jobs/(?<job>[0-9]+)/artifacts/(?<file>.+)$")]
    private static partial Regex ArtifactPath();
}
