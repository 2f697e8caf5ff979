using Polly;
using Polly.Retry;

namespace DataContracts.GitHub;

/// <summary>How hard the GitHub calls try before they report a failure.</summary>
internal sealed record GitHubRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First back-off after a 5xx or a network failure; it doubles (with jitter) each time.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait: a rate limit asking for more is reported instead of waited out, and back-off stops growing here.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock the waits run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// The one retry pipeline every GitHub call goes through. Retried: 5xx answers, timeouts and connection
/// failures (back-off with jitter), and rate limits whose wait (<c>Retry-After</c>, else <c>x-ratelimit-reset</c>
/// when the budget is used up) fits under <see cref="GitHubRetryOptions.MaxRetryWait"/>. Never retried: other
/// 4xx (a wrong token, a read-only token, a missing pull request or a rejected body do not heal by asking again),
/// and, for calls that create something, a timeout or dropped connection, since GitHub may have acted already.
/// </summary>
internal static class GitHubRetry
{
    /// <summary>A property of the call: false when repeating it after an unanswered attempt could act twice.</summary>
    public static readonly ResiliencePropertyKey<bool> Repeatable = new("DataContracts.GitHub.Repeatable");

    // GitHub's advice for a secondary rate limit without Retry-After and with budget left: wait at least a minute.
    private static readonly TimeSpan SecondaryLimitDefaultWait = TimeSpan.FromMinutes(1);

    public static ResiliencePipeline Build(GitHubRetryOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryWait,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested &&
                    Decide(e, args.Context.Properties.GetValue(Repeatable, true), options).Retry),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e ? Decide(e, repeatable: true, options).Wait : null),
            });
        }

        return builder.Build();
    }

    /// <summary>The wait GitHub asks for on a rate limit, when it says: <c>Retry-After</c>, else the reset of a used-up budget.</summary>
    public static TimeSpan? RequestedWait(Exception e, TimeProvider time) => e switch
    {
        GitHubApiException { Problem: GitHubProblem.SecondaryRateLimit } s => RetryAfter(s, time) ?? UntilReset(s, time) ?? SecondaryLimitDefaultWait,
        GitHubApiException { Problem: GitHubProblem.RateLimit, RateLimitReset: { } reset } => Clamp(reset - time.GetUtcNow()),
        GitHubApiException { Problem: GitHubProblem.TooManyRequests } a => RetryAfter(a, time) ?? UntilReset(a, time),
        _ => null,
    };

    /// <summary>Whether to try again, and after how long (null: the back-off).</summary>
    private static (bool Retry, TimeSpan? Wait) Decide(Exception e, bool repeatable, GitHubRetryOptions options)
    {
        if (RequestedWait(e, options.TimeProvider) is { } wait)
        {
            return (wait <= options.MaxRetryWait, wait);
        }

        return e switch
        {
            GitHubApiException { Problem: GitHubProblem.TooManyRequests or GitHubProblem.BadBody } => (false, null),
            GitHubApiException api => ((int)api.Status >= 500, null),
            HttpRequestException or TimeoutException or IOException or OperationCanceledException => (repeatable, null),
            _ => (false, null),
        };
    }

    private static TimeSpan? RetryAfter(GitHubApiException e, TimeProvider time) =>
        e.RetryAfter?.Delta is { } delta ? Clamp(delta)
        : e.RetryAfter?.Date is { } date ? Clamp(date - time.GetUtcNow())
        : null;

    private static TimeSpan? UntilReset(GitHubApiException e, TimeProvider time) =>
        e is { RateLimitRemaining: 0, RateLimitReset: { } reset } ? Clamp(reset - time.GetUtcNow()) : null;

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
