using System.Text.Json;

namespace DataContracts.Mapping.Dbt;

/// <summary>Where one node object sits in the parsed manifest bytes, and whether it came from <c>disabled</c>.</summary>
internal readonly record struct NodeSpan(long Offset, long Length, bool Disabled);

/// <summary>
/// The manifest file a <see cref="DbtManifest"/> was read from: its size and time when read, and each node's
/// byte range. Classification needs the big fields (SQL, columns) the first pass skips, for the few changed
/// nodes only; with the ranges it reads those nodes again instead of the whole file (100 MB in big projects).
/// </summary>
internal sealed record ManifestSource(string FullPath, long Length, DateTime LastWriteUtc, int Bom, IReadOnlyDictionary<string, NodeSpan> Spans)
{
    public static ManifestSource? Of(string fullPath, int length, int bom, IReadOnlyDictionary<string, NodeSpan> spans)
    {
        var info = new FileInfo(fullPath);
        return info.Exists && info.Length == length ? new ManifestSource(fullPath, length, info.LastWriteTimeUtc, bom, spans) : null;
    }

    /// <summary>Same path, size and write time as when the spans were taken.</summary>
    public bool IsUnchanged(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return string.Equals(info.FullName, FullPath, StringComparison.Ordinal) && info.Exists && info.Length == Length && info.LastWriteTimeUtc == LastWriteUtc;
    }
}

/// <summary>The facts pass over the recorded ranges of a <see cref="ManifestSource"/>.</summary>
internal static partial class ManifestReader
{
    private static async Task<IReadOnlyDictionary<string, NodeFacts>> ReadFactsAtAsync(ManifestSource source, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, NodeFacts>(StringComparer.Ordinal);
        using var handle = File.OpenHandle(source.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        foreach (var id in ids)
        {
            if (!source.Spans.TryGetValue(id, out var span) || span.Length > int.MaxValue)
            {
                continue;
            }

            var bytes = new byte[span.Length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), source.Bom + span.Offset + read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException("The manifest ended before a node it held when read.");
                }

                read += n;
            }

            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 512 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                result[id] = Facts(id, document.RootElement, span.Disabled);
            }
        }

        return result;
    }
}
