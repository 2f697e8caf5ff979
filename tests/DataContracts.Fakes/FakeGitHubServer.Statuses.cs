using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

namespace DataContracts.Fakes;

/// <summary>
/// Commit statuses and the token's user. <c>POST statuses/{sha}</c> answers 201, or 422 for an unknown commit,
/// a state outside error/failure/pending/success, or a description over 140 characters; <c>GET
/// commits/{ref}/statuses</c> lists them newest first. <c>GET /user</c> answers with <see cref="TokenLogin"/>, or
/// 403 "Resource not accessible by integration" for an installation token, as GitHub does for GITHUB_TOKEN.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private static readonly string[] States = ["error", "failure", "pending", "success"];

    private readonly ConcurrentQueue<FakeGitHubStatus> statuses = new();

    /// <summary>Commits that exist besides the pull requests' heads and bases.</summary>
    public HashSet<string> Commits { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every status set, oldest first.</summary>
    public IReadOnlyList<FakeGitHubStatus> Statuses => [.. statuses];

    private async Task<bool> RouteStatusesAsync(HttpContext http, string rest, string? body)
    {
        switch (http.Request.Method)
        {
            case "POST" when StatusPath().Match(rest) is { Success: true } m:
                await CreateStatusAsync(http, m.Groups[1].Value, body);
                return true;
            case "GET" when CommitStatuses().Match(rest) is { Success: true } m:
                await WritePageAsync(http, [.. statuses.Where(s => string.Equals(s.Sha, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)).Reverse()], StatusJson);
                return true;
            default:
                return false;
        }
    }

    private async Task CreateStatusAsync(HttpContext http, string sha, string? body)
    {
        if (!Commits.Contains(sha) && !pullRequests.Values.Any(pr => string.Equals(pr.HeadSha, sha, StringComparison.OrdinalIgnoreCase) || string.Equals(pr.BaseSha, sha, StringComparison.OrdinalIgnoreCase)))
        {
            await WriteAsync(http, 422, $$"""{"message":"No commit found for SHA: {{sha}}","documentation_url":"https://docs.github.com/rest/commits/statuses#create-a-commit-status","status":"422"}""");
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body ?? "{}");
        }
        catch (JsonException)
        {
            await WriteAsync(http, 400, """{"message":"Problems parsing JSON","status":"400"}""");
            return;
        }

        var state = json?["state"]?.GetValue<string>();
        var description = json?["description"]?.GetValue<string>();
        if (state is null || !States.Contains(state, StringComparer.Ordinal) || description is { Length: > 140 })
        {
            await WriteAsync(http, 422, """{"message":"Validation Failed","errors":[{"resource":"Status","code":"custom","field":"state","message":"state is not included in the list"}],"documentation_url":"https://docs.github.com/rest/commits/statuses#create-a-commit-status","status":"422"}""");
            return;
        }

        var status = new FakeGitHubStatus(
            Interlocked.Increment(ref nextId), sha, state, description, json?["target_url"]?.GetValue<string>(),
            json?["context"]?.GetValue<string>() ?? "default", WriterLogin, DateTimeOffset.UtcNow);
        statuses.Enqueue(status);
        await WriteAsync(http, 201, StatusJson(status).ToJsonString());
    }

    private async Task CurrentUserAsync(HttpContext http)
    {
        if (!IsAuthorized(http.Request.Headers.Authorization.ToString()))
        {
            await WriteAsync(http, 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""");
        }
        else if (TokenLogin is null)
        {
            await WriteAsync(http, 403, """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/users/users#get-the-authenticated-user","status":"403"}""");
        }
        else
        {
            await WriteAsync(http, 200, UserJson(TokenLogin, "User").ToJsonString());
        }
    }

    private JsonObject StatusJson(FakeGitHubStatus s) => new()
    {
        ["url"] = new Uri(BaseUrl, $"repos/{Repository}/statuses/{s.Sha}").AbsoluteUri,
        ["avatar_url"] = "https://avatars.githubusercontent.com/u/1?v=4",
        ["id"] = s.Id,
        ["node_id"] = "SC_" + s.Id.ToString(CultureInfo.InvariantCulture),
        ["state"] = s.State,
        ["description"] = s.Description,
        ["target_url"] = s.TargetUrl,
        ["context"] = s.Context,
        ["created_at"] = Timestamp(s.CreatedAt),
        ["updated_at"] = Timestamp(s.CreatedAt),
        ["creator"] = UserJson(s.Creator, TokenLogin is null ? "Bot" : "User"),
    };

    private JsonObject UserJson(string login, string type) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        ["node_id"] = "U_" + login,
        ["url"] = new Uri(BaseUrl, $"users/{Uri.EscapeDataString(login)}").AbsoluteUri,
        ["html_url"] = $"https://github.com/{login}",
        ["type"] = type,
        ["site_admin"] = false,
    };

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [GeneratedRegex("^statuses/([0-9a-fA-F]{4,40})/?$")]
    private static partial Regex StatusPath();

    [GeneratedRegex("^commits/([^/]+)/statuses/?$")]
    private static partial Regex CommitStatuses();
}
