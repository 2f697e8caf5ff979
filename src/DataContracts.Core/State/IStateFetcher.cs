using DataContracts.Hosting;

namespace DataContracts.State;

/// <summary>What one fetch of production state needs besides the source: where to reach it and with which credentials.</summary>
internal sealed record StateFetchRequest
{
    public required StateSource Source { get; init; }

    public required IEnvironment Environment { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>The variable holding the dbt Cloud token (<c>dbt.state_token_env</c>).</summary>
    public required string DbtCloudTokenEnv { get; init; }

    /// <summary>Where fetched files are kept for the rest of this workflow run (<c>--cache-dir</c>), or null for a temporary folder.</summary>
    public string? CacheDirectory { get; init; }

    public StateLimits Limits { get; init; } = StateLimits.Default;
}

/// <summary>Production state fetched into a folder (manifest.json, optional catalog.json); deleting a temporary folder on dispose.</summary>
internal sealed class FetchedState(string folder, string detail, bool temporary) : IDisposable
{
    public string Folder { get; } = folder;

    /// <summary>Which run or job it came from, for the report.</summary>
    public string Detail { get; } = detail;

    public void Dispose()
    {
        if (!temporary)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover in the temp folder is harmless; the run's answer is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Fetches a <see cref="StateSource"/> that is not a folder; supplied by the shell (the HTTP clients live in an adapter).</summary>
internal interface IStateFetcher
{
    /// <summary>
    /// Fetches the source's manifest.json (required) and catalog.json (when it has one) into a folder.
    /// Failures are <see cref="Diagnostics.ServiceException"/> (the service or its answer) or
    /// <see cref="Diagnostics.InputException"/> (no token, no repository), each with a DC code.
    /// </summary>
    Task<FetchedState> FetchAsync(StateFetchRequest request, CancellationToken cancellationToken);
}

/// <summary>Bounds on what a fetch accepts: production artifacts are data from outside, and a big dbt project's manifest is hundreds of MB.</summary>
internal sealed record StateLimits
{
    public static readonly StateLimits Default = new();

    /// <summary>Bytes downloaded per file or archive (1 GiB).</summary>
    public long MaxDownloadBytes { get; init; } = 1L << 30;

    /// <summary>Bytes of one extracted file (1 GiB).</summary>
    public long MaxEntryBytes { get; init; } = 1L << 30;

    /// <summary>Entries an artifact archive may hold.</summary>
    public int MaxEntries { get; init; } = 1000;

    /// <summary>Uncompressed size over compressed size, per entry: JSON compresses about 10 to 20 times; a zip bomb a thousand.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Time for one fetch (every request of it), within the run's own deadline.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Redirects followed per download.</summary>
    public int MaxRedirects { get; init; } = 3;
}
