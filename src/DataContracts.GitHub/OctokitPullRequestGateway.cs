using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using Octokit;
using Octokit.Internal;
using Polly;

namespace DataContracts.GitHub;

/// <summary>
/// <see cref="IPullRequestGateway"/> over Octokit. Listings ask for the largest page (100) and follow the
/// <c>Link</c> headers through <see cref="GitHubPages"/> (page cap, loop detection, cancellation), not through
/// Octokit's own paging, which has none of them. Every request (each page alone) runs through one retry pipeline
/// (<see cref="GitHubRetry"/>), and every Octokit or network failure becomes a <see cref="ServiceException"/>
/// with a DC7xxx code.
/// </summary>
internal sealed partial class OctokitPullRequestGateway : IPullRequestGateway
{
    /// <summary>A secondary rate limit asking for a longer pause than this is reported instead of waited out.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(10);

    private readonly GitHubClient client;
    private readonly string owner;
    private readonly string repository;
    private readonly Uri apiUrl;
    private readonly GitHubRetryOptions retry;
    private readonly ResiliencePipeline pipeline;

    public OctokitPullRequestGateway(GitHubContext context, TimeSpan? maxRetryWait = null, GitHubRetryOptions? retry = null)
    {
        if (context.Token is null || context.Owner is null || context.Repository is null)
        {
            throw new ArgumentException("The GitHub context needs a token and a repository.", nameof(context));
        }

        // Connection (unlike GitHubClient's own constructor) keeps the base address as given, so GHES and test URLs work unchanged.
        var connection = new Connection(
            new ProductHeaderValue("DataContracts", typeof(OctokitPullRequestGateway).Assembly.GetName().Version?.ToString(3) ?? "0"),
            context.ApiUrl,
            new InMemoryCredentialStore(new Credentials(context.Token, AuthenticationType.Bearer)),
            new HttpClientAdapter(() => new ApiHostGuard(context.ApiUrl, HttpMessageHandlerFactory.CreateDefault())),
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(TimeSpan.FromSeconds(60));
        client = new GitHubClient(connection);
        owner = context.Owner;
        repository = context.Repository;
        apiUrl = context.ApiUrl;
        this.retry = (retry ?? new GitHubRetryOptions()) with { MaxRetryWait = maxRetryWait ?? retry?.MaxRetryWait ?? MaxRetryWait };
        pipeline = GitHubRetry.Build(this.retry);
    }

    /// <summary>The most pages one listing may take; <see cref="GitHubPages.MaxPages"/> unless a test lowers it.</summary>
    public int MaxPages { get; init; } = GitHubPages.MaxPages;

    public async Task<ImmutableArray<ChangedFile>> ListFilesAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var files = await ListAllAsync<PullRequestFile>($"pulls/{pullRequest}/files", $"list the files of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. files.Select(ToChangedFile).OfType<ChangedFile>()];
    }

    public async Task<ImmutableArray<PullRequestComment>> ListCommentsAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var comments = await ListAllAsync<IssueComment>($"issues/{pullRequest}/comments", $"list the comments of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. comments.Select(ToComment)];
    }

    /// <summary>Every page of a listing under the repository (<paramref name="path"/> relative to <c>repos/{o}/{r}/</c>), each page retried alone.</summary>
    private Task<List<T>> ListAllAsync<T>(string path, string action, CancellationToken cancellationToken)
    {
        var first = new Uri(apiUrl, $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}/{path}?per_page=100");
        return GitHubPages.ReadAllAsync<T>(
            first,
            async (url, token) =>
            {
                var response = await CallAsync(() => client.Connection.Get<List<T>>(url, null, "application/vnd.github+json", token), action, token).ConfigureAwait(false);
                var links = response.HttpResponse?.ApiInfo?.Links;
                var next = links is not null && links.TryGetValue("next", out var link) ? link : null;
                return new GitHubPages.Page<T>(response.Body ?? [], next is null ? null : new Uri(url, next));
            },
            action,
            MaxPages,
            cancellationToken);
    }

    public async Task<PullRequestComment> CreateCommentAsync(int pullRequest, string body, CancellationToken cancellationToken) =>
        ToComment(await CallAsync(
            () => client.Issue.Comment.Create(owner, repository, pullRequest, body),
            $"comment on pull request #{pullRequest}",
            cancellationToken,
            repeatable: false).ConfigureAwait(false));

    public async Task<PullRequestComment> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken) =>
        ToComment(await CallAsync(
            () => client.Issue.Comment.Update(owner, repository, commentId, body),
            $"update comment {commentId}",
            cancellationToken).ConfigureAwait(false));

    /// <summary><paramref name="repeatable"/>: False for a call that creates something: an attempt that got no answer may have acted.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, string action, CancellationToken cancellationToken, bool repeatable = true)
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

                    // Octokit's issue and pull request clients take no token; WaitAsync stops waiting when the run is cancelled.
                    return await state().WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceException(GitHubErrors.Describe(e, action, GitHubRetry.RequestedWait(e, retry.TimeProvider), attempts), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static PullRequestComment ToComment(IssueComment c) => new(c.Id, c.Body ?? string.Empty, c.User?.Login, c.HtmlUrl);

    private static ChangedFile? ToChangedFile(PullRequestFile f) => f.Status switch
    {
        "added" or "copied" => new ChangedFile(f.FileName, ChangeStatus.Added),
        "removed" => new ChangedFile(f.FileName, ChangeStatus.Deleted),
        "renamed" => new ChangedFile(f.FileName, ChangeStatus.Renamed, f.PreviousFileName),
        "unchanged" => null,
        _ => new ChangedFile(f.FileName, ChangeStatus.Modified),
    };
}
