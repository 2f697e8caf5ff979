using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

namespace DataContracts.Fakes;

/// <summary>
/// Pull requests: <c>GET pulls/{n}</c> (head SHA, author), its files, and review requests. A review request
/// follows GitHub's rules: the author cannot be asked (422), a user must be a collaborator and a team must have
/// access to the repository (422 for the whole request otherwise, nothing is added), and an answer of 201
/// returns the pull request with its requested reviewers.
/// </summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>Users who may be asked for a review (collaborators).</summary>
    public HashSet<string> Collaborators { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Team slugs of the repository's organisation that have access to it.</summary>
    public HashSet<string> TeamsWithAccess { get; } = new(StringComparer.OrdinalIgnoreCase);

    private async Task<bool> RoutePullsAsync(HttpContext http, string rest, string? body)
    {
        switch (http.Request.Method)
        {
            case "GET" when PullRequestPath().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => WriteAsync(http, 200, PullRequestJson(pr).ToJsonString()));
                return true;
            case "GET" when PullFiles().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => WritePageAsync(http, pr.Files, FileJson));
                return true;
            case "GET" when RequestedReviewers().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => WriteAsync(http, 200, RequestedJson(pr).ToJsonString()));
                return true;
            case "GET" when Reviews().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => WritePageAsync(http, [.. pr.Reviews], review => ReviewJson(pr, review)));
                return true;
            case "GET" when IssueEvents().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => WritePageAsync(http, RequestEvents(pr), e => RequestEventJson(pr, e)));
                return true;
            case "POST" when RequestedReviewers().Match(rest) is { Success: true } m:
                await WithPullRequestAsync(http, Number(m), pr => RequestReviewersAsync(http, pr, body));
                return true;
            default:
                return false;
        }
    }

    private async Task WithPullRequestAsync(HttpContext http, int number, Func<FakeGitHubPullRequest, Task> answer)
    {
        if (pullRequests.TryGetValue(number, out var pr))
        {
            await answer(pr);
        }
        else
        {
            await NotFoundAsync(http);
        }
    }

    private async Task RequestReviewersAsync(HttpContext http, FakeGitHubPullRequest pr, string? body)
    {
        string[] users, teams;
        try
        {
            var json = JsonNode.Parse(body ?? "{}")!;
            users = [.. (json["reviewers"]?.AsArray() ?? []).Select(n => n!.GetValue<string>())];
            teams = [.. (json["team_reviewers"]?.AsArray() ?? []).Select(n => n!.GetValue<string>())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            await WriteAsync(http, 400, """{"message":"Problems parsing JSON","status":"400"}""");
            return;
        }

        if (users.Any(u => string.Equals(u, pr.Author, StringComparison.OrdinalIgnoreCase)))
        {
            await ValidationFailedAsync(http, "Review cannot be requested from pull request author.");
            return;
        }

        if (users.Any(u => !Collaborators.Contains(u)) || teams.Any(t => !TeamsWithAccess.Contains(t)))
        {
            await ValidationFailedAsync(http, $"Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the {Repository} repository.");
            return;
        }

        lock (pr)
        {
            pr.RequestedUsers.UnionWith(users);
            pr.RequestedTeams.UnionWith(teams);
            pr.ReviewRequests.Add((users, teams));
        }

        await WriteAsync(http, 201, PullRequestJson(pr).ToJsonString());
    }

    /// <summary>
    /// A user submits a review: GitHub records it and drops the user from the pending requests, and the team the
    /// user reviewed for (<paramref name="forTeam"/>) too; the review itself does not name the team.
    /// </summary>
    public void SubmitReview(int number, string login, string state = "COMMENTED", string? forTeam = null)
    {
        var pr = pullRequests[number];
        lock (pr)
        {
            pr.RequestedUsers.Remove(login);
            if (forTeam is not null)
            {
                pr.RequestedTeams.Remove(forTeam);
            }

            pr.Reviews.Add((Interlocked.Increment(ref nextId), login, state));
        }
    }

    private JsonObject ReviewJson(FakeGitHubPullRequest pr, (long Id, string Login, string State) review) => new()
    {
        ["id"] = review.Id,
        ["node_id"] = "PRR_" + review.Id.ToString(CultureInfo.InvariantCulture),
        ["user"] = UserJson(review.Login, "User"),
        ["body"] = string.Empty,
        ["state"] = review.State,
        ["html_url"] = $"https://github.com/{Repository}/pull/{pr.Number}#pullrequestreview-{review.Id}",
        ["pull_request_url"] = new Uri(BaseUrl, $"repos/{Repository}/pulls/{pr.Number}").AbsoluteUri,
        ["commit_id"] = pr.HeadSha,
        ["submitted_at"] = Timestamp(DateTimeOffset.UtcNow),
        ["author_association"] = "COLLABORATOR",
    };

    /// <summary>The <c>review_requested</c> issue events of the requests made through the API: one per user or team.</summary>
    private static List<(long Id, string? User, string? Team)> RequestEvents(FakeGitHubPullRequest pr)
    {
        lock (pr)
        {
            var events = new List<(long, string?, string?)>();
            foreach (var (users, teams) in pr.ReviewRequests)
            {
                events.AddRange(users.Select(u => ((long)events.Count + 1, (string?)u, (string?)null)));
                events.AddRange(teams.Select(t => ((long)events.Count + 1, (string?)null, (string?)t)));
            }

            return events;
        }
    }

    private JsonObject RequestEventJson(FakeGitHubPullRequest pr, (long Id, string? User, string? Team) e)
    {
        var json = new JsonObject
        {
            ["id"] = e.Id,
            ["node_id"] = "RRE_" + e.Id.ToString(CultureInfo.InvariantCulture),
            ["url"] = new Uri(BaseUrl, $"repos/{Repository}/issues/events/{e.Id}").AbsoluteUri,
            ["actor"] = UserJson(WriterLogin, "Bot"),
            ["event"] = "review_requested",
            ["commit_id"] = null,
            ["commit_url"] = null,
            ["created_at"] = Timestamp(pr.CreatedAt),
            ["review_requester"] = UserJson(WriterLogin, "Bot"),
        };
        if (e.User is not null)
        {
            json["requested_reviewer"] = UserJson(e.User, "User");
        }

        if (e.Team is not null)
        {
            json["requested_team"] = new JsonObject { ["id"] = e.Id, ["node_id"] = "T_" + e.Team, ["slug"] = e.Team, ["name"] = e.Team };
        }

        return json;
    }

    private static Task ValidationFailedAsync(HttpContext http, string message) =>
        WriteAsync(http, 422, new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request",
            ["status"] = "422",
        }.ToJsonString());

    private JsonObject PullRequestJson(FakeGitHubPullRequest pr)
    {
        var (owner, name) = (Repository.Split('/')[0], Repository.Split('/')[1]);
        var requested = RequestedJson(pr);
        return new JsonObject
        {
            ["url"] = new Uri(BaseUrl, $"repos/{Repository}/pulls/{pr.Number}").AbsoluteUri,
            ["id"] = 500_000 + pr.Number,
            ["node_id"] = "PR_" + pr.Number.ToString(CultureInfo.InvariantCulture),
            ["html_url"] = $"https://github.com/{Repository}/pull/{pr.Number}",
            ["number"] = pr.Number,
            ["state"] = "open",
            ["locked"] = false,
            ["title"] = $"Pull request {pr.Number}",
            ["user"] = UserJson(pr.Author, "User"),
            ["body"] = null,
            ["created_at"] = Timestamp(pr.CreatedAt),
            ["updated_at"] = Timestamp(pr.CreatedAt),
            ["requested_reviewers"] = requested["users"]!.DeepClone(),
            ["requested_teams"] = requested["teams"]!.DeepClone(),
            ["head"] = new JsonObject
            {
                ["label"] = $"{pr.HeadOwner}:{pr.HeadRef}",
                ["ref"] = pr.HeadRef,
                ["sha"] = pr.HeadSha,
                ["user"] = UserJson(pr.HeadOwner, "User"),
                ["repo"] = RepoJson(pr.HeadOwner, name, fork: pr.HeadOwner != owner),
            },
            ["base"] = new JsonObject
            {
                ["label"] = $"{owner}:main",
                ["ref"] = "main",
                ["sha"] = pr.BaseSha,
                ["user"] = UserJson(owner, "Organization"),
                ["repo"] = RepoJson(owner, name, fork: false),
            },
            ["draft"] = false,
            ["merged"] = false,
            ["mergeable_state"] = "unknown",
            ["author_association"] = "CONTRIBUTOR",
        };
    }

    private JsonObject RepoJson(string owner, string name, bool fork) => new()
    {
        ["id"] = Math.Abs($"{owner}/{name}".GetHashCode(StringComparison.Ordinal)),
        ["name"] = name,
        ["full_name"] = $"{owner}/{name}",
        ["owner"] = UserJson(owner, "User"),
        ["private"] = false,
        ["fork"] = fork,
        ["url"] = new Uri(BaseUrl, $"repos/{owner}/{name}").AbsoluteUri,
        ["html_url"] = $"https://github.com/{owner}/{name}",
    };

    private JsonObject RequestedJson(FakeGitHubPullRequest pr)
    {
        lock (pr)
        {
            return new JsonObject
            {
                ["users"] = new JsonArray([.. pr.RequestedUsers.Order(StringComparer.Ordinal).Select(u => (JsonNode)UserJson(u, "User"))]),
                ["teams"] = new JsonArray([.. pr.RequestedTeams.Order(StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject
                {
                    ["id"] = Math.Abs(t.GetHashCode(StringComparison.Ordinal)),
                    ["node_id"] = "T_" + t,
                    ["url"] = new Uri(BaseUrl, $"orgs/{Repository.Split('/')[0]}/teams/{t}").AbsoluteUri,
                    ["html_url"] = $"https://github.com/orgs/{Repository.Split('/')[0]}/teams/{t}",
                    ["name"] = t,
                    ["slug"] = t,
                    ["description"] = null,
                    ["privacy"] = "closed",
                    ["permission"] = "pull",
                })]),
            };
        }
    }

    private JsonObject FileJson(FakeGitHubFile f) => new()
    {
        ["sha"] = "0123456789abcdef0123456789abcdef01234567",
        ["filename"] = f.FileName,
        ["status"] = f.Status,
        ["additions"] = 1,
        ["deletions"] = 1,
        ["changes"] = 2,
        ["blob_url"] = $"https://github.com/{Repository}/blob/head/{f.FileName}",
        ["raw_url"] = $"https://github.com/{Repository}/raw/head/{f.FileName}",
        ["contents_url"] = new Uri(BaseUrl, $"repos/{Repository}/contents/{f.FileName}").AbsoluteUri,
        ["patch"] = "@@ -1 +1 @@",
        ["previous_filename"] = f.PreviousFileName,
    };

    private static int Number(Match m) => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("^pulls/([0-9]+)/?$")]
    private static partial Regex PullRequestPath();

    [GeneratedRegex("^pulls/([0-9]+)/files/?$")]
    private static partial Regex PullFiles();

    [GeneratedRegex("^pulls/([0-9]+)/reviews/?$")]
    private static partial Regex Reviews();

    [GeneratedRegex("^issues/([0-9]+)/events/?$")]
    private static partial Regex IssueEvents();

    [GeneratedRegex("^pulls/([0-9]+)/requested_reviewers/?$")]
    private static partial Regex RequestedReviewers();
}
