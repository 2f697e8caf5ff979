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
/// The Actions artifacts API as documented (REST 2022-11-28): <c>GET /repos/{o}/{r}</c> (id, default_branch),
/// <c>GET …/actions/workflows/{file-or-id}/runs</c> with the <c>branch</c>, <c>status</c> (success = the conclusion),
/// <c>event</c>, <c>exclude_pull_requests</c>, <c>per_page</c> and <c>page</c> filters, newest first, 404 for an
/// unknown workflow; <c>GET …/actions/runs/{id}/artifacts?name=</c>; and <c>GET …/actions/artifacts/{id}/zip</c>, which
/// answers 302 to a short-lived URL on another host (a second server here, <see cref="BlobRequests"/> records whether
/// an Authorization header reached it), or 410 Gone for an expired artifact.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private readonly ConcurrentDictionary<long, FakeWorkflowRun> workflowRuns = new();
    private readonly ConcurrentQueue<(string Path, bool HadAuthorization)> blobRequests = new();
    private WebApplication? blobHost;
    private Uri? blobUrl;

    /// <summary>The repository's numeric id; a run whose head repository differs came from a fork.</summary>
    public long RepositoryId { get; set; } = 4242;

    public string DefaultBranch { get; set; } = "main";

    /// <summary>When set, the zip endpoint redirects here instead of the blob host (a hostile or broken redirect).</summary>
    public Func<FakeArtifact, string>? ArtifactRedirect { get; set; }

    /// <summary>Requests the blob host received: path and whether they carried an Authorization header.</summary>
    public IReadOnlyList<(string Path, bool HadAuthorization)> BlobRequests => [.. blobRequests];

    public FakeWorkflowRun AddWorkflowRun(FakeWorkflowRun run) => workflowRuns[run.Id] = run;

    /// <summary>Starts the second host that serves artifact zips, as GitHub's blob storage does.</summary>
    public async Task<Uri> StartBlobHostAsync(CancellationToken cancellationToken = default)
    {
        if (blobUrl is not null)
        {
            return blobUrl;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        blobHost = builder.Build();
        blobHost.Run(ServeBlobAsync);
        await blobHost.StartAsync(cancellationToken);
        var address = blobHost.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        blobUrl = new Uri(address.TrimEnd('/') + "/");
        return blobUrl;
    }

    private async Task StopBlobHostAsync()
    {
        if (blobHost is not null)
        {
            await blobHost.StopAsync();
            await blobHost.DisposeAsync();
        }
    }

    private async Task<bool> RouteArtifactsAsync(HttpContext http, string path)
    {
        if (RepositoryPath().Match(path) is { Success: true } repo)
        {
            if (!IsThisRepository(repo.Groups["owner"].Value, repo.Groups["repo"].Value))
            {
                return false;
            }

            await WriteAsync(http, 200, new JsonObject
            {
                ["id"] = RepositoryId,
                ["full_name"] = Repository,
                ["default_branch"] = DefaultBranch,
                ["private"] = true,
            }.ToJsonString());
            return true;
        }

        var match = Route().Match(path);
        if (!match.Success || !IsThisRepository(match.Groups["owner"].Value, match.Groups["repo"].Value))
        {
            return false;
        }

        var rest = match.Groups["rest"].Value;
        if (WorkflowRunsPath().Match(rest) is { Success: true } workflow)
        {
            await ListRunsAsync(http, workflow.Groups[1].Value);
            return true;
        }

        if (RunArtifactsPath().Match(rest) is { Success: true } runArtifacts)
        {
            var name = http.Request.Query["name"].ToString();
            var run = workflowRuns.GetValueOrDefault(long.Parse(runArtifacts.Groups[1].Value, CultureInfo.InvariantCulture));
            var artifacts = run?.Artifacts.Where(a => name.Length == 0 || a.Name == name).ToList() ?? [];
            await WriteAsync(http, 200, new JsonObject
            {
                ["total_count"] = artifacts.Count,
                ["artifacts"] = new JsonArray([.. artifacts.Select(a => (JsonNode)ArtifactJson(a, run!))]),
            }.ToJsonString());
            return true;
        }

        if (ArtifactZipPath().Match(rest) is { Success: true } zip)
        {
            var id = long.Parse(zip.Groups[1].Value, CultureInfo.InvariantCulture);
            var artifact = workflowRuns.Values.SelectMany(r => r.Artifacts).FirstOrDefault(a => a.Id == id);
            if (artifact is null)
            {
                await NotFoundAsync(http);
            }
            else if (artifact.Expired)
            {
                await WriteAsync(http, 410, """{"message":"Artifact has expired","documentation_url":"https://docs.github.com/rest/actions/artifacts#download-an-artifact","status":"410"}""");
            }
            else
            {
                var target = ArtifactRedirect?.Invoke(artifact)
                    ?? new Uri(await StartBlobHostAsync(http.RequestAborted), $"artifacts/{artifact.Id}?sig=fake-signature&se=2099-01-01").AbsoluteUri;
                http.Response.StatusCode = 302;
                http.Response.Headers.Location = target;
            }

            return true;
        }

        return false;
    }

    private async Task ListRunsAsync(HttpContext http, string workflow)
    {
        var all = workflowRuns.Values.Where(r => r.WorkflowFile == workflow || r.WorkflowId.ToString(CultureInfo.InvariantCulture) == workflow).ToList();
        if (all.Count == 0)
        {
            await NotFoundAsync(http);
            return;
        }

        var query = http.Request.Query;
        var branch = query["branch"].ToString();
        var status = query["status"].ToString();
        var eventName = query["event"].ToString();
        var runs = all
            .Where(r => branch.Length == 0 || r.HeadBranch == branch)
            .Where(r => status.Length == 0 || (status is "success" or "failure" or "cancelled" or "skipped" ? r.Conclusion == status : status == "completed" ? r.Conclusion is not null : true))
            .Where(r => eventName.Length == 0 || r.Event == eventName)
            .Where(r => query["exclude_pull_requests"] != "true" || r.Event != "pull_request")
            .OrderByDescending(r => r.CreatedAt)
            .ToList();
        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100) : 30;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        await WriteAsync(http, 200, new JsonObject
        {
            ["total_count"] = runs.Count,
            ["workflow_runs"] = new JsonArray([.. runs.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["name"] = r.WorkflowFile,
                ["head_branch"] = r.HeadBranch,
                ["head_sha"] = r.HeadSha,
                ["event"] = r.Event,
                ["status"] = r.Conclusion is null ? "in_progress" : "completed",
                ["conclusion"] = r.Conclusion,
                ["workflow_id"] = r.WorkflowId,
                ["created_at"] = r.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["repository"] = new JsonObject { ["id"] = RepositoryId, ["full_name"] = Repository },
                ["head_repository"] = new JsonObject { ["id"] = r.HeadRepositoryId ?? RepositoryId },
            })]),
        }.ToJsonString());
    }

    private JsonObject ArtifactJson(FakeArtifact a, FakeWorkflowRun run) => new()
    {
        ["id"] = a.Id,
        ["node_id"] = "MDg6QXJ0aWZhY3Q" + a.Id.ToString(CultureInfo.InvariantCulture),
        ["name"] = a.Name,
        ["size_in_bytes"] = a.DeclaredSize ?? a.Zip.LongLength,
        ["url"] = $"{BaseUrl.AbsoluteUri}repos/{Repository}/actions/artifacts/{a.Id}",
        ["archive_download_url"] = $"{BaseUrl.AbsoluteUri}repos/{Repository}/actions/artifacts/{a.Id}/zip",
        ["expired"] = a.Expired,
        ["created_at"] = run.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["expires_at"] = a.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["workflow_run"] = new JsonObject
        {
            ["id"] = run.Id,
            ["repository_id"] = RepositoryId,
            ["head_repository_id"] = run.HeadRepositoryId ?? RepositoryId,
            ["head_branch"] = run.HeadBranch,
            ["head_sha"] = run.HeadSha,
        },
    };

    private async Task ServeBlobAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        blobRequests.Enqueue((path, http.Request.Headers.Authorization.Count > 0));
        var match = BlobPath().Match(path);
        var artifact = match.Success
            ? workflowRuns.Values.SelectMany(r => r.Artifacts).FirstOrDefault(a => a.Id == long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;
        if (artifact is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/zip";
        http.Response.ContentLength = artifact.Zip.Length;
        await http.Response.Body.WriteAsync(artifact.Zip, http.RequestAborted);
    }

    private bool IsThisRepository(string owner, string repo) =>
        string.Equals($"{owner}/{repo}", Repository, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/?$")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex("^actions/workflows/([^/]+)/runs/?$")]
    private static partial Regex WorkflowRunsPath();

    [GeneratedRegex("^actions/runs/([0-9]+)/artifacts/?$")]
    private static partial Regex RunArtifactsPath();

    [GeneratedRegex("^actions/artifacts/([0-9]+)/zip/?$")]
    private static partial Regex ArtifactZipPath();

    [GeneratedRegex("^/artifacts/([0-9]+)$")]
    private static partial Regex BlobPath();
}
