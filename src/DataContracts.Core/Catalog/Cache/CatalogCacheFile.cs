using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using DataContracts.IO;

namespace DataContracts.Catalog.Cache;

/// <summary>What one cache file holds: answers a live catalog gave, which catalog gave them, and when the file was first filled.</summary>
internal sealed record CatalogCacheData
{
    public int Version { get; init; } = CatalogCacheFile.CurrentVersion;

    /// <summary>The catalog URL the answers came from.</summary>
    public string? Source { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Table lookups that found something: key is <c>name|integration</c>, value the resource id.</summary>
    public ImmutableDictionary<string, string> Tables { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>One-hop downstream of every node whose lineage was read.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Downstream { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    public ImmutableArray<CatalogResource> Resources { get; init; } = [];

    /// <summary>Column ids of every table whose columns were listed (the columns themselves are in <see cref="Resources"/>).</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Columns { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    /// <summary>This data and <paramref name="other"/> (written by a concurrent run); this side wins where both know an answer.</summary>
    public CatalogCacheData MergedWith(CatalogCacheData other) => this with
    {
        CreatedAt = other.CreatedAt < CreatedAt ? other.CreatedAt : CreatedAt,
        Tables = other.Tables.SetItems(Tables),
        Downstream = other.Downstream.SetItems(Downstream),
        Columns = other.Columns.SetItems(Columns),
        Resources = [.. other.Resources.Where(r => !Resources.Any(mine => string.Equals(mine.Id, r.Id, StringComparison.OrdinalIgnoreCase))).Concat(Resources)
            .OrderBy(r => r.Id, StringComparer.Ordinal)],
    };
}

/// <summary>How a cache file was found when read.</summary>
internal enum CacheFileState
{
    Missing,
    Usable,

    /// <summary>Old, for another catalog, unreadable or of another format: a cold cache, nothing to say.</summary>
    Stale,

    /// <summary>In our format but not signed with this key: someone else wrote it.</summary>
    Forged,
}

/// <summary>
/// Where the cache lives and how it is read and written. The file name is derived from the catalog URL and a hash
/// of the key, so two workspaces (or two keys with different rights) never share answers. Each file is signed
/// with an HMAC under a secret derived from the key, so a file planted in a shared cache folder by anyone without
/// the key is rejected. Writers take a lock file, merge what a concurrent run wrote, and remove temporary files
/// a killed run left behind.
/// </summary>
internal static class CatalogCacheFile
{
    public const int CurrentVersion = 2;

    private static readonly byte[] SecretLabel = Encoding.UTF8.GetBytes("datacontracts catalog cache v2");

    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>About five seconds of waiting for a concurrent run to finish writing.</summary>
    private const int LockAttempts = 250;

    /// <summary>The envelope on disk: the data as a string, exactly as signed, and its signature.</summary>
    internal sealed record Envelope(int Version, string Data, string Mac);

    public static string PathFor(string directory, string source, string token)
    {
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + keyHash)))[..32];
        return System.IO.Path.Combine(directory, $"secoda-{name}.json");
    }

    /// <summary>The cached answers if the file exists, is signed with this key, is for <paramref name="source"/> and younger than <paramref name="ttl"/>.</summary>
    public static async Task<(CatalogCacheData? Data, CacheFileState State)> ReadAsync(
        string path, string source, string token, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await BoundedFile.ReadAllBytesAsync(path, path, cancellationToken, maxBytes: 256 * 1024 * 1024).ConfigureAwait(false);
            return Verify(bytes, source, token, ttl, now);
        }
        catch (FileNotFoundException)
        {
            return (null, CacheFileState.Missing);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Diagnostics.InputException)
        {
            // A locked, unreadable or oversized cache is a cold cache, never a failed run.
            return (null, CacheFileState.Stale);
        }
    }

    /// <summary>Before the first read: removes temporary files a killed run left behind (no writer is active while the lock is held).</summary>
    public static void CleanUp(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        using var held = TryLock(directory);
        if (held is null)
        {
            return;
        }

        foreach (var stray in Directory.EnumerateFiles(directory, ".secoda-*.json.*.tmp"))
        {
            try
            {
                File.Delete(stray);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next start.
            }
        }
    }

    /// <summary>
    /// Signs and writes <paramref name="data"/>, merged with what a concurrent run wrote since this run read the
    /// file, through a temporary file and a rename so a killed run never leaves a torn file.
    /// </summary>
    public static bool TryWrite(string path, CatalogCacheData data, string token, TimeSpan ttl, DateTimeOffset now)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            using var held = TryLock(directory);
            if (held is null)
            {
                return false;
            }

            // Called from Dispose, where there is no token to honour; the files are small and local.
            var (current, _) = ReadAsync(path, data.Source ?? string.Empty, token, ttl, now, CancellationToken.None).GetAwaiter().GetResult();
            var merged = current is null ? data : data.MergedWith(current);
            AtomicFile.WriteAsync(path, Sign(merged, token), CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static byte[] Sign(CatalogCacheData data, string token)
    {
        var text = JsonSerializer.Serialize(data, CatalogCacheJson.Default.CatalogCacheData);
        return JsonSerializer.SerializeToUtf8Bytes(new Envelope(CurrentVersion, text, Mac(text, token)), CatalogCacheJson.Default.Envelope);
    }

    private static (CatalogCacheData?, CacheFileState) Verify(byte[] bytes, string source, string token, TimeSpan ttl, DateTimeOffset now)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(bytes, CatalogCacheJson.Default.Envelope);
        }
        catch (JsonException)
        {
            return (null, CacheFileState.Stale);
        }

        if (envelope is null || envelope.Version != CurrentVersion || envelope.Data is null || envelope.Mac is null)
        {
            return (null, CacheFileState.Stale);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(envelope.Mac), Encoding.ASCII.GetBytes(Mac(envelope.Data, token))))
        {
            return (null, CacheFileState.Forged);
        }

        try
        {
            var data = JsonSerializer.Deserialize(envelope.Data, CatalogCacheJson.Default.CatalogCacheData);
            return data is not null && data.Version == CurrentVersion && data.Source == source && now - data.CreatedAt < ttl && now >= data.CreatedAt
                ? (data, CacheFileState.Usable)
                : (null, CacheFileState.Stale);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return (null, CacheFileState.Stale);
        }
    }

    private static string Mac(string data, string token)
    {
        var secret = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(token), 32, info: SecretLabel);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(data)));
    }

    /// <summary>An exclusive lock on the cache folder's lock file, or null after <see cref="LockAttempts"/> tries.</summary>
    private static FileStream? TryLock(string directory)
    {
        var lockPath = System.IO.Path.Combine(directory, ".datacontracts-cache.lock");
        // Counted tries rather than a clock: another process holds the lock in real time, and no clock a test
        // injects can make it let go sooner.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < LockAttempts)
            {
                Thread.Sleep(LockRetryInterval);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
