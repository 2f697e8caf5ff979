using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using DataContracts.IO;

namespace DataContracts.Catalog.Cache;

/// <summary>What one cache file holds: answers a live catalog gave, and when the file was first filled.</summary>
internal sealed record CatalogCacheData
{
    public int Version { get; init; } = CatalogCacheFile.CurrentVersion;

    public string? Source { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Table lookups that found something: key is <c>name|integration</c>, value the resource id.</summary>
    public ImmutableDictionary<string, string> Tables { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>One-hop downstream of every node whose lineage was read.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Downstream { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    public ImmutableArray<CatalogResource> Resources { get; init; } = [];

    /// <summary>Column ids of every table whose columns were listed (the columns themselves are in <see cref="Resources"/>).</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Columns { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
}

/// <summary>
/// Where the cache lives and how it is read and written. The file name is derived from the catalog URL and a
/// hash of the key, so two workspaces (or two keys with different rights) never share answers, and neither the
/// key nor its hash is written inside the file.
/// </summary>
internal static class CatalogCacheFile
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string PathFor(string directory, string source, string token)
    {
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + keyHash)))[..32];
        return System.IO.Path.Combine(directory, $"secoda-{name}.json");
    }

    /// <summary>The cached answers if the file exists, is readable, is for <paramref name="source"/> and younger than <paramref name="ttl"/>; else null.</summary>
    public static async Task<CatalogCacheData?> ReadAsync(string path, string source, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var data = await JsonSerializer.DeserializeAsync<CatalogCacheData>(stream, Json, cancellationToken).ConfigureAwait(false);
            return data is not null && data.Version == CurrentVersion && data.Source == source && now - data.CreatedAt < ttl && now >= data.CreatedAt
                ? data
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            // A missing, locked or corrupt cache is a cold cache, never a failed run.
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so concurrent runs and a killed run never leave a torn file.</summary>
    public static bool TryWrite(string path, CatalogCacheData data)
    {
        try
        {
            // Called from Dispose, where there is no token to honour; the write is small and local.
            AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(data, Json), CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
