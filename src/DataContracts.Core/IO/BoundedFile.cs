using System.Text;
using DataContracts.Diagnostics;

namespace DataContracts.IO;

/// <summary>
/// Reads the text files a pull request controls (SQL models, YAML) up to a fixed size. Without a bound, a file
/// that is a symlink to <c>/dev/zero</c> or a multi-gigabyte blob would exhaust memory; above the bound the read
/// stops with DC3031 instead. docs/contract-file.md documents the limit.
/// </summary>
internal static class BoundedFile
{
    /// <summary>8 MiB: far above any hand-written or generated model or schema file.</summary>
    public const int MaxTextBytes = 8 * 1024 * 1024;

    /// <summary>The file's bytes; throws <see cref="InputException"/> (DC3031) past <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(string fullPath, string displayPath, CancellationToken cancellationToken, int maxBytes = MaxTextBytes)
    {
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
    public static async Task<string> ReadAllTextAsync(string fullPath, string displayPath, CancellationToken cancellationToken) =>
        Decode(await ReadAllBytesAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false));

    public static string ReadAllText(string fullPath, string displayPath) => Decode(ReadAllBytes(fullPath, displayPath));

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int read, string displayPath, int maxBytes)
    {
        if (buffer.Length + read > maxBytes)
        {
            throw new InputException(DiagnosticCodes.FileTooLarge.Create(
                $"{displayPath} is larger than {maxBytes / (1024 * 1024)} MiB (or never ends, like a device); it was not read.",
                new SourceLocation(displayPath),
                "Model and YAML files are read up to this limit: check that the file is what it should be (not a symlink to a device or a generated blob), or exclude it from sql.paths."));
        }

        buffer.Write(chunk, 0, read);
    }
}
