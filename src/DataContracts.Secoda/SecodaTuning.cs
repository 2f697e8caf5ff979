using System.Globalization;

using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Secoda;

/// <summary>
/// Environment variables that tune the client without a contract-file change: mostly for tests and
/// benchmarks (short retry delays), occasionally for a CI that must be gentler with the API.
/// See docs/catalog.md, "Tuning variables".
/// </summary>
internal static class SecodaTuning
{
    public const string MaxConcurrency = "DATACONTRACTS_MAX_CONCURRENCY";
    public const string RequestBudget = "DATACONTRACTS_REQUEST_BUDGET";
    public const string MaxRetries = "DATACONTRACTS_MAX_RETRIES";
    public const string RetryBaseMs = "DATACONTRACTS_RETRY_BASE_MS";
    public const string RetryMaxMs = "DATACONTRACTS_RETRY_MAX_MS";
    public const string RequestTimeoutMs = "DATACONTRACTS_REQUEST_TIMEOUT_MS";
    public const string CacheTtlMinutes = "DATACONTRACTS_CACHE_TTL_MINUTES";

    /// <summary>Applies every variable that is set; throws <see cref="InputException"/> (DC6014) for a value that is not a number in range.</summary>
    public static SecodaOptions Apply(SecodaOptions options, IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return options with
        {
            MaxConcurrency = Read(environment, MaxConcurrency, 1, 256) ?? options.MaxConcurrency,
            RequestBudget = Read(environment, RequestBudget, 1, 10_000_000) ?? options.RequestBudget,
            MaxRetries = Read(environment, MaxRetries, 0, 20) ?? options.MaxRetries,
            RetryBaseDelay = Millis(Read(environment, RetryBaseMs, 1, 600_000)) ?? options.RetryBaseDelay,
            MaxRetryDelay = Millis(Read(environment, RetryMaxMs, 1, 3_600_000)) ?? options.MaxRetryDelay,
            PerRequestTimeout = Millis(Read(environment, RequestTimeoutMs, 1, 3_600_000)) ?? options.PerRequestTimeout,
        };
    }

    /// <summary>The cache lifetime from <see cref="CacheTtlMinutes"/>, or <paramref name="fallback"/>.</summary>
    public static TimeSpan CacheTtl(IEnvironment environment, TimeSpan fallback) =>
        Read(environment, CacheTtlMinutes, 0, 525_600) is { } minutes ? TimeSpan.FromMinutes(minutes) : fallback;

    private static int? Read(IEnvironment environment, string name, int min, int max)
    {
        var text = environment.Get(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InputException(DiagnosticCodes.CatalogTuningInvalid.Create(
            $"The environment variable {name} is '{(text.Length > 40 ? text[..40] + "…" : text)}', not a whole number from {min} to {max}.",
            hint: $"Unset {name} to use the default, or set it to a number in range."));
    }

    private static TimeSpan? Millis(int? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
