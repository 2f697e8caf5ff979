using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DataContracts.Diagnostics;
using DataContracts.Hosting;
using DataContracts.Reports;

namespace DataContracts.GitHub;

/// <summary>
/// Where the run is on GitHub, read once from the Actions environment (and <c>--pr</c>). Every field is
/// optional: outside Actions most are null, and each feature says what it is missing instead of failing.
/// The token is kept here only to build the client; <see cref="ToString"/> never shows it.
/// </summary>
internal sealed record GitHubContext
{
    /// <summary>The public REST API; <c>GITHUB_API_URL</c> overrides it (GitHub Enterprise Server, tests).</summary>
    public const string DefaultApiUrl = "https://api.github.com/";

    /// <summary>True inside GitHub Actions (<c>GITHUB_ACTIONS=true</c>): summary, outputs and annotations are written.</summary>
    public bool IsActions { get; init; }

    /// <summary>In Actions the people's format also carries <c>::error</c>/<c>::warning</c> annotations on the changed files.</summary>
    public OutputFormat FormatFor(OutputFormat requested) => IsActions && requested == OutputFormat.Text ? OutputFormat.GitHub : requested;

    /// <summary>The REST API base, always ending with a slash.</summary>
    public Uri ApiUrl { get; init; } = new(DefaultApiUrl);

    public string? Token { get; init; }

    public string? Owner { get; init; }

    public string? Repository { get; init; }

    public int? PullRequestNumber { get; init; }

    /// <summary>The pull request's base branch (from the event, else <c>GITHUB_BASE_REF</c>).</summary>
    public string? BaseRef { get; init; }

    /// <summary>The head commit the check ran on, for the comment's "last checked" line.</summary>
    public string? HeadSha { get; init; }

    /// <summary>The event that started the workflow (<c>GITHUB_EVENT_NAME</c>), for example <c>pull_request</c> or <c>workflow_run</c>.</summary>
    public string? EventName { get; init; }

    /// <summary>In a <c>workflow_run</c> event: the head commit of the run that triggered it (<c>workflow_run.head_sha</c>), set by GitHub, not by the pull request.</summary>
    public string? WorkflowRunHeadSha { get; init; }

    /// <summary>True in a <c>workflow_run</c> event: the pull request number comes from an artifact and must be verified before anything is written.</summary>
    public bool IsWorkflowRun => string.Equals(EventName, "workflow_run", StringComparison.Ordinal);

    /// <summary>Link to the workflow run, where the job summary holds the full report.</summary>
    public Uri? RunUrl { get; init; }

    public string? StepSummaryPath { get; init; }

    public string? OutputPath { get; init; }

    /// <summary>Problems met while reading the environment (an unreadable event file); warnings, never fatal.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when the API can be called for a pull request: token, repository and number are known.</summary>
    public bool CanCallPullRequestApi => Token is not null && Owner is not null && Repository is not null && PullRequestNumber is not null;

    /// <summary>Reads the context; <paramref name="pullRequestOverride"/> (<c>--pr N</c>) wins over the event payload.</summary>
    public static GitHubContext FromEnvironment(IEnvironment environment, int? pullRequestOverride = null)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var (owner, repository) = SplitRepository(environment.Get("GITHUB_REPOSITORY"));
        var payload = ReadEvent(environment.Get("GITHUB_EVENT_PATH"), diagnostics);
        var server = environment.Get("GITHUB_SERVER_URL") ?? "https://github.com";
        var runId = environment.Get("GITHUB_RUN_ID");

        return new GitHubContext
        {
            IsActions = string.Equals(environment.Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase),
            ApiUrl = ApiBase(environment.Get("GITHUB_API_URL")),
            Token = environment.Get("GITHUB_TOKEN"),
            Owner = owner,
            Repository = repository,
            PullRequestNumber = pullRequestOverride ?? payload.Number,
            BaseRef = payload.BaseRef ?? environment.Get("GITHUB_BASE_REF"),
            HeadSha = payload.HeadSha ?? payload.RunHeadSha ?? environment.Get("GITHUB_SHA"),
            EventName = environment.Get("GITHUB_EVENT_NAME"),
            WorkflowRunHeadSha = payload.RunHeadSha,
            RunUrl = owner is not null && runId is not null && Uri.TryCreate($"{server.TrimEnd('/')}/{owner}/{repository}/actions/runs/{runId}", UriKind.Absolute, out var run) ? run : null,
            StepSummaryPath = environment.Get("GITHUB_STEP_SUMMARY"),
            OutputPath = environment.Get("GITHUB_OUTPUT"),
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    /// <summary>Never prints the token.</summary>
    public override string ToString() =>
        $"GitHubContext {{ ApiUrl = {ApiUrl}, Repository = {Owner}/{Repository}, PullRequest = {PullRequestNumber?.ToString(CultureInfo.InvariantCulture) ?? "none"}, Token = {(Token is null ? "none" : "***")} }}";

    private static Uri ApiBase(string? configured)
    {
        if (configured is not null && Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            // Relative API paths resolve under the base only when it ends with a slash (GHES is …/api/v3).
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        return new Uri(DefaultApiUrl);
    }

    private static (string? Owner, string? Name) SplitRepository(string? value)
    {
        var parts = value?.Split('/', StringSplitOptions.TrimEntries) ?? [];
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? (parts[0], parts[1]) : (null, null);
    }

    private static EventFacts ReadEvent(string? path, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (path is null)
        {
            return default;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;

            // pull_request and pull_request_target carry the same "pull_request" object; issue_comment on a PR has "issue".
            if (root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
            {
                return new EventFacts(Int(pr, "number") ?? Int(root, "number"), String(pr, "base", "ref"), String(pr, "head", "sha"));
            }

            // workflow_run lists the pull requests of the triggering run (empty for forks: pass --pr).
            if (root.TryGetProperty("workflow_run", out var run) && run.ValueKind == JsonValueKind.Object)
            {
                var runHead = String(run, "head_sha");
                return run.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() == 1
                    ? new EventFacts(Int(prs[0], "number"), String(prs[0], "base", "ref"), runHead, runHead)
                    : new EventFacts(null, null, null, runHead);
            }

            if (root.TryGetProperty("issue", out var issue) && issue.TryGetProperty("pull_request", out _))
            {
                return new EventFacts(Int(issue, "number"), null, null);
            }

            return default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            diagnostics.Add(DiagnosticCodes.GitHubEventUnreadable.Create(
                $"The event payload named by GITHUB_EVENT_PATH cannot be read ({e.GetType().Name}), so the pull request number is unknown.",
                new SourceLocation(path),
                "Pass the pull request number with --pr N."));
            return default;
        }
    }

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : null;

    private static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private readonly record struct EventFacts(int? Number, string? BaseRef, string? HeadSha, string? RunHeadSha = null);
}
