using System.Text;
using DataContracts.Diagnostics;

namespace DataContracts.IO;

/// <summary>
/// The one way the tool reads a file it did not write: SQL models, YAML, the changed-files list, dbt artifacts,
/// the catalog snapshot. A pull request controls these paths, so a file may be a symlink to <c>/dev/zero</c>, a
/// FIFO nobody writes to, or a sparse file of many gigabytes. Before opening, <see cref="EnsureReadable"/>
/// refuses anything but a regular file (DC3040) and anything larger than the limit (DC3031), without reading a
/// byte; while reading, the limit holds again (the file may grow). docs/contract-file.md documents the limits.
/// </summary>
internal static class BoundedFile
{
    /// <summary>8 MiB: far above any hand-written or generated model, schema file or changed-files list.</summary>
    public const int MaxTextBytes = 8 * 1024 * 1024;

    /// <summary>1 GiB: dbt artifacts and catalog snapshots of the largest projects stay far below.</summary>
    public const int MaxArtifactBytes = 1024 * 1024 * 1024;

    /// <summary>
    /// Throws <see cref="InputException"/> when <paramref name="fullPath"/> exists but is a device, pipe or socket
    /// (DC3040) or is larger than <paramref name="maxBytes"/> (DC3031). A missing file passes: the caller's open
    /// reports it in its own words.
    /// </summary>
    public static void EnsureReadable(string fullPath, string displayPath, long maxBytes)
    {
        if (FileKind.Of(fullPath) is { } kind && kind != FileKind.Type.Regular && kind != FileKind.Type.Directory)
        {
            throw new InputException(DiagnosticCodes.FileNotRegular.Create(
                $"{displayPath} is not a regular file (it is {FileKind.Describe(kind)}), so it was not read.",
                new SourceLocation(displayPath),
                "Point the path at a file; a symlink in the repository must lead to a regular file, never to a device such as /dev/zero or a pipe."));
        }

        long length;
        try
        {
            length = new FileInfo(fullPath).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return;
        }

        if (length > maxBytes)
        {
            throw TooLarge(displayPath, maxBytes);
        }
    }

    /// <summary>The file's bytes; throws <see cref="InputException"/> (DC3031, DC3040) as <see cref="EnsureReadable"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(string fullPath, string displayPath, CancellationToken cancellationToken, int maxBytes = MaxTextBytes)
    {
        EnsureReadable(fullPath, displayPath, maxBytes);
        await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer, chunk, read, displayPath, maxBytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The synchronous form, for readers that are synchronous.</summary>
    public static byte[] ReadAllBytes(string fullPath, string displayPath, int maxBytes = MaxTextBytes)
    {
        EnsureReadable(fullPath, displayPath, maxBytes);
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk, read, displayPath, maxBytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The file as text (UTF-8 unless a byte order mark says otherwise), bounded as above.</summary>
    public static async Task<string> ReadAllTextAsync(string fullPath, string displayPath, CancellationToken cancellationToken, int maxBytes = MaxTextBytes) =>
        Decode(await ReadAllBytesAsync(fullPath, displayPath, cancellationToken, maxBytes).ConfigureAwait(false));

    public static string ReadAllText(string fullPath, string displayPath) => Decode(ReadAllBytes(fullPath, displayPath));

    /// <summary>
    /// Reads a stream of text (standard input) up to one character past <paramref name="maxChars"/>, so whoever
    /// parses it can tell "too long" (and say so) without the whole stream ever being held.
    /// </summary>
    public static async Task<string> ReadAtMostAsync(TextReader reader, int maxChars, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var chunk = new char[81920];
        int read;
        while (text.Length <= maxChars && (read = await reader.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, maxChars + 1 - text.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            text.Append(chunk, 0, read);
        }

        return text.ToString();
    }

    /// <summary>The DC3031 error for text that is over <paramref name="maxBytes"/>.</summary>
    public static InputException TooLarge(string displayPath, long maxBytes) =>
        new(DiagnosticCodes.FileTooLarge.Create(
            $"{displayPath} is larger than {Size(maxBytes)} (or never ends, like a device); it was not read.",
            new SourceLocation(displayPath),
            "The tool reads each file up to this limit: check that the path leads to the file it should (not a device, a pipe or a generated blob); exclude generated files from sql.paths."));

    private static string Size(long bytes) =>
        bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0 ? $"{bytes / (1024L * 1024 * 1024)} GiB" : $"{bytes / (1024 * 1024)} MiB";

    /// <summary>Bytes read under a bound (a file, or a file GitHub served), as text: UTF-8 unless a byte order mark says otherwise.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int read, string displayPath, int maxBytes)
    {
        if (buffer.Length + read > maxBytes)
        {
            throw TooLarge(displayPath, maxBytes);
        }

        buffer.Write(chunk, 0, read);
    }
}
