using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

namespace DataContracts.Fakes;

/// <summary>
/// <c>GET /repos/{o}/{r}/contents/{path}?ref={sha}</c> for a pull request's head commit, as GitHub answers it: with
/// <c>Accept: application/vnd.github.raw</c> (or the older <c>.v3.raw</c>) the file's bytes, otherwise the JSON object
/// with the content in base64; 404 for a path or commit it does not have. Files are served by the pull request
/// whose <see cref="FakeGitHubPullRequest.HeadSha"/> is the <c>ref</c>.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private async Task<bool> RouteContentsAsync(HttpContext http, string rest)
    {
        if (http.Request.Method != "GET" || ContentsPath().Match(rest) is not { Success: true } m)
        {
            return false;
        }

        var path = string.Join('/', m.Groups[1].Value.Split('/').Select(Uri.UnescapeDataString));
        var reference = http.Request.Query["ref"].ToString();
        var text = pullRequests.Values.FirstOrDefault(pr => string.Equals(pr.HeadSha, reference, StringComparison.OrdinalIgnoreCase)) is { } pr
            && pr.HeadFiles.TryGetValue(path, out var found) ? found : null;
        if (text is null)
        {
            await NotFoundAsync(http);
            return true;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var raw = http.Request.Headers.Accept.ToString().Split(',', StringSplitOptions.TrimEntries)
            .FirstOrDefault(a => a.StartsWith("application/vnd.github", StringComparison.OrdinalIgnoreCase) && a.Contains(".raw", StringComparison.OrdinalIgnoreCase));
        if (raw is not null)
        {
            // GitHub answers with the raw media type that was asked for.
            http.Response.StatusCode = 200;
            http.Response.ContentType = raw.Split(';')[0];
            await http.Response.Body.WriteAsync(bytes);
            return true;
        }

        var json = new JsonObject
        {
            ["type"] = "file",
            ["encoding"] = "base64",
            ["size"] = bytes.Length,
            ["name"] = path[(path.LastIndexOf('/') + 1)..],
            ["path"] = path,
            ["content"] = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks),
        };
        await WriteAsync(http, 200, json.ToJsonString());
        return true;
    }

    [GeneratedRegex("^contents/(.+)$")]
    private static partial Regex ContentsPath();
}
