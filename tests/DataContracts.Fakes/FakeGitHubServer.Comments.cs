using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

namespace DataContracts.Fakes;

/// <summary>
/// Issue comments as GitHub serves them: list (paginated), create (201 with <c>Location</c>), update and
/// delete (204). A token may edit or delete only comments written as its own user (403 otherwise, as for a
/// token without admin rights), and bodies over 65,536 characters get GitHub's 422.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private async Task<bool> RouteCommentsAsync(HttpContext http, string rest, string? body)
    {
        switch (http.Request.Method)
        {
            case "GET" when IssueComments().Match(rest) is { Success: true } m:
                await ListCommentsAsync(http, Number(m));
                return true;
            case "POST" when IssueComments().Match(rest) is { Success: true } m:
                await CreateCommentAsync(http, Number(m), body);
                return true;
            case "PATCH" when Comment().Match(rest) is { Success: true } m:
                await UpdateCommentAsync(http, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), body);
                return true;
            case "DELETE" when Comment().Match(rest) is { Success: true } m:
                await DeleteCommentAsync(http, long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    private async Task ListCommentsAsync(HttpContext http, int issue)
    {
        if (!pullRequests.ContainsKey(issue))
        {
            await NotFoundAsync(http);
            return;
        }

        await WritePageAsync(http, CommentsOn(issue), CommentJson);
    }

    private async Task CreateCommentAsync(HttpContext http, int issue, string? body)
    {
        if (!pullRequests.ContainsKey(issue))
        {
            await NotFoundAsync(http);
            return;
        }

        if (await RejectBodyAsync(http, body) is not { } text)
        {
            return;
        }

        var comment = AddComment(issue, WriterLogin, text) with { UserType = TokenLogin is null ? "Bot" : "User" };
        comments[comment.Id] = comment;
        http.Response.Headers.Location = CommentApiUrl(comment.Id);
        await WriteAsync(http, 201, CommentJson(comment).ToJsonString());
    }

    private async Task UpdateCommentAsync(HttpContext http, long id, string? body)
    {
        if (!comments.TryGetValue(id, out var existing))
        {
            await NotFoundAsync(http);
            return;
        }

        if (await RejectBodyAsync(http, body) is not { } text)
        {
            return;
        }

        if (!await OwnCommentAsync(http, existing))
        {
            return;
        }

        var updated = existing with { Body = text, UpdatedAt = DateTimeOffset.UtcNow };
        comments[id] = updated;
        await WriteAsync(http, 200, CommentJson(updated).ToJsonString());
    }

    private async Task DeleteCommentAsync(HttpContext http, long id)
    {
        if (!comments.TryGetValue(id, out var existing))
        {
            await NotFoundAsync(http);
            return;
        }

        if (!await OwnCommentAsync(http, existing))
        {
            return;
        }

        comments.TryRemove(id, out _);
        http.Response.StatusCode = 204;
    }

    /// <summary>GitHub lets a token edit or delete only its own comments (short of admin rights).</summary>
    private async Task<bool> OwnCommentAsync(HttpContext http, FakeGitHubComment comment)
    {
        if (comment.User == WriterLogin)
        {
            return true;
        }

        await WriteAsync(http, 403, """{"message":"Must have admin rights to Repository.","documentation_url":"https://docs.github.com/rest/issues/comments","status":"403"}""");
        return false;
    }

    private async Task<string?> RejectBodyAsync(HttpContext http, string? json)
    {
        string? text = null;
        try
        {
            text = json is null ? null : JsonNode.Parse(json)?["body"]?.GetValue<string>();
        }
        catch (JsonException)
        {
        }

        if (text is null)
        {
            await WriteAsync(http, 400, """{"message":"Problems parsing JSON","status":"400"}""");
            return null;
        }

        if (text.Length > MaxBodyLength)
        {
            await WriteAsync(http, 422, $$"""{"message":"Validation Failed","errors":[{"resource":"IssueComment","code":"unprocessable","field":"data","message":"Body is too long (maximum is {{MaxBodyLength}} characters)"}],"documentation_url":"https://docs.github.com/rest/issues/comments","status":"422"}""");
            return null;
        }

        return text;
    }

    private JsonObject CommentJson(FakeGitHubComment c) => new()
    {
        ["id"] = c.Id,
        ["node_id"] = "IC_" + c.Id.ToString(CultureInfo.InvariantCulture),
        ["url"] = CommentApiUrl(c.Id),
        ["html_url"] = $"https://github.com/{Repository}/pull/{c.Issue}#issuecomment-{c.Id}",
        ["issue_url"] = new Uri(BaseUrl, $"repos/{Repository}/issues/{c.Issue}").AbsoluteUri,
        ["body"] = c.Body,
        ["user"] = UserJson(c.User, c.UserType),
        ["created_at"] = Timestamp(c.CreatedAt),
        ["updated_at"] = Timestamp(c.UpdatedAt),
        ["author_association"] = c.UserType == "Bot" ? "NONE" : "CONTRIBUTOR",
    };

    private string CommentApiUrl(long id) => new Uri(BaseUrl, $"repos/{Repository}/issues/comments/{id}").AbsoluteUri;

    [GeneratedRegex("^issues/([0-9]+)/comments/?$")]
    private static partial Regex IssueComments();

    [GeneratedRegex("^issues/comments/([0-9]+)/?$")]
    private static partial Regex Comment();
}
