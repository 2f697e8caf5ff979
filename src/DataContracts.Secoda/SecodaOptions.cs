using System.Text;

namespace DataContracts.Secoda;

/// <summary>
/// How to reach Secoda and how hard to try. <see cref="ToString"/> never prints the token, so the options
/// can be logged.
/// </summary>
internal sealed record SecodaOptions
{
    /// <summary>US cloud default: <c>https://api.secoda.co/api/v1/</c>.</summary>
    public const string DefaultBaseUrl = "https://api.secoda.co/api/v1/";

    /// <summary>The API base, with or without <c>/api/v1/</c>; normalised by <see cref="SecodaUrl.Normalize"/>.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>The API key, sent as <c>Authorization: Bearer</c> to the configured host only.</summary>
    public required string Token { get; init; }

    /// <summary>HTTP requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>HTTP attempts (retries included) allowed per run; the run fails with DC6009 beyond it.</summary>
    public int RequestBudget { get; init; } = 5000;

    /// <summary>Deadline of one HTTP attempt.</summary>
    public TimeSpan PerRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pages followed for one listing; List Resources stops at 10,000 rows (200 pages of 50).</summary>
    public int MaxPages { get; init; } = 250;

    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and connection errors.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; doubled per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any single delay, including a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Ids per <c>in</c> filter when fetching resource details.</summary>
    public int IdBatchSize { get; init; } = 50;

    /// <summary>
    /// Most ids per <c>from_entity__in</c>/<c>to_entity__in</c> lineage request. 1 turns batching off.
    /// A level's ids are spread over enough batches to use every concurrent slot.
    /// </summary>
    public int LineageBatchSize { get; init; } = 40;

    /// <summary>Fetch the details of children as soon as lineage names them, overlapping the next level's requests.</summary>
    public bool PrefetchDetails { get; init; } = true;

    /// <summary>The clock the retry waits run on and a <c>Retry-After</c> date is measured against; tests pass their own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"BaseUrl = {BaseUrl}, Token = ***, MaxConcurrency = {MaxConcurrency}, RequestBudget = {RequestBudget}, ");
        builder.Append($"PerRequestTimeout = {PerRequestTimeout}, MaxPages = {MaxPages}, MaxRetries = {MaxRetries}");
        return true;
    }
}
