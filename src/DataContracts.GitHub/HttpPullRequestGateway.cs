using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using Polly;

namespace DataContracts.GitHub;

/// <summary>
/// <see cref="IPullRequestGateway"/> over a typed <see cref="HttpClient"/> (<see cref="GitHubHttp"/>) with
/// source-generated JSON. Listings ask for the largest page (100) and follow the <c>Link</c> headers through
/// <see cref="GitHubPages"/> (page cap, loop detection, cancellation). Every request (each page alone) runs
/// through one retry pipeline (<see cref="GitHubRetry"/>) with the run's token, and every GitHub or network
/// failure becomes a <see cref="ServiceException"/> with a DC7xxx code.
/// </summary>
internal sealed partial class HttpPullRequestGateway : IPullRequestGateway
{
    /// <summary>A secondary rate limit asking for a longer pause than this is reported instead of waited out.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(10);

    private readonly GitHubHttp http;
    private readonly Uri repositoryUrl;
    private readonly Uri apiUrl;
    private readonly GitHubRetryOptions retry;
    private readonly ResiliencePipeline pipeline;

    public HttpPullRequestGateway(GitHubContext context, TimeSpan? maxRetryWait = null, GitHubRetryOptions? retry = null)
    {
        if (context.Token is null || context.Owner is null || context.Repository is null)
        {
            throw new ArgumentException("The GitHub context needs a token and a repository.", nameof(context));
        }

        // The base address is kept as given (GitHub Enterprise Server's /api/v3/, test URLs); it ends with a slash.
        apiUrl = context.ApiUrl;
        http = new GitHubHttp(apiUrl, context.Token);
        repositoryUrl = new Uri(apiUrl, $"repos/{Uri.EscapeDataString(context.Owner)}/{Uri.EscapeDataString(context.Repository)}/");
        this.retry = (retry ?? new GitHubRetryOptions()) with { MaxRetryWait = maxRetryWait ?? retry?.MaxRetryWait ?? MaxRetryWait };
        pipeline = GitHubRetry.Build(this.retry);
    }

    /// <summary>The most pages one listing may take; <see cref="GitHubPages.MaxPages"/> unless a test lowers it.</summary>
    public int MaxPages { get; init; } = GitHubPages.MaxPages;

    public async Task<ImmutableArray<ChangedFile>> ListFilesAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var files = await ListAllAsync($"pulls/{pullRequest}/files", GitHubJson.Default.ListGitHubFile, $"list the files of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. files.Select(ToChangedFile).OfType<ChangedFile>()];
    }

    public async Task<ImmutableArray<PullRequestComment>> ListCommentsAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var comments = await ListAllAsync($"issues/{pullRequest}/comments", GitHubJson.Default.ListGitHubComment, $"list the comments of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. comments.Select(ToComment)];
    }

    public async Task<PullRequestComment> CreateCommentAsync(int pullRequest, string body, CancellationToken cancellationToken) =>
        ToComment(await SendAsync(
            HttpMethod.Post,
            $"issues/{pullRequest}/comments",
            GitHubHttp.Json(new GitHubNewComment(body), GitHubJson.Default.GitHubNewComment),
            GitHubJson.Default.GitHubComment,
            $"comment on pull request #{pullRequest}",
            cancellationToken,
            repeatable: false).ConfigureAwait(false));

    public async Task<PullRequestComment> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken) =>
        ToComment(await SendAsync(
            HttpMethod.Patch,
            $"issues/comments/{commentId}",
            GitHubHttp.Json(new GitHubNewComment(body), GitHubJson.Default.GitHubNewComment),
            GitHubJson.Default.GitHubComment,
            $"update comment {commentId}",
            cancellationToken).ConfigureAwait(false));

    /// <summary>Every page of a listing under the repository (<paramref name="path"/> relative to <c>repos/{o}/{r}/</c>), each page retried alone.</summary>
    private Task<List<T>> ListAllAsync<T>(string path, JsonTypeInfo<List<T?>> type, string action, CancellationToken cancellationToken)
        where T : class =>
        GitHubPages.ReadAllAsync<T>(
            new Uri(repositoryUrl, $"{path}?per_page=100"),
            async (url, token) =>
            {
                var page = await CallAsync(t => http.SendAsync(HttpMethod.Get, url, null, type, t), action, token).ConfigureAwait(false);
                return new GitHubPages.Page<T>([.. (page.Value ?? []).OfType<T>()], page.Next);
            },
            action,
            MaxPages,
            cancellationToken);

    /// <summary>One request under the repository (<paramref name="path"/> relative to <c>repos/{o}/{r}/</c>), through the retry pipeline.</summary>
    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> read, string action, CancellationToken cancellationToken, bool repeatable = true)
        where T : class
    {
        var url = new Uri(repositoryUrl, path);
        var answer = await CallAsync(t => http.SendAsync(method, url, body, read, t), action, cancellationToken, repeatable).ConfigureAwait(false);
        return answer.Value!;
    }

    /// <summary>A request whose answer is not read (a 204, or an object the tool has no use for).</summary>
    private Task SendAsync(HttpMethod method, Uri url, byte[]? body, string action, CancellationToken cancellationToken) =>
        CallAsync(t => http.SendAsync<object>(method, url, body, null, t), action, cancellationToken);

    /// <summary><paramref name="repeatable"/>: False for a call that creates something: an attempt that got no answer may have acted.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, string action, CancellationToken cancellationToken, bool repeatable = true)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubRetry.Repeatable, repeatable);
        try
        {
            return await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    Interlocked.Increment(ref attempts);
                    return await state(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GitHubApiException or HttpRequestException or TimeoutException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceException(GitHubErrors.Describe(e, action, GitHubRetry.RequestedWait(e, retry.TimeProvider), attempts), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static PullRequestComment ToComment(GitHubComment c) => new(c.Id, c.Body ?? string.Empty, c.User?.Login, c.HtmlUrl);

    private static ChangedFile? ToChangedFile(GitHubFile f) => f switch
    {
        { Filename: null } => null,
        { Status: "added" or "copied" } => new ChangedFile(f.Filename, ChangeStatus.Added),
        { Status: "removed" } => new ChangedFile(f.Filename, ChangeStatus.Deleted),
        { Status: "renamed" } => new ChangedFile(f.Filename, ChangeStatus.Renamed, f.PreviousFilename),
        { Status: "unchanged" } => null,
        _ => new ChangedFile(f.Filename, ChangeStatus.Modified),
    };
}
