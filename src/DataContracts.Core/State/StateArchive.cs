using System.IO.Compression;
using DataContracts.Diagnostics;

namespace DataContracts.State;

/// <summary>
/// Reads production's manifest.json and catalog.json out of a downloaded artifact archive, as untrusted data:
/// the archive is refused whole when it has too many entries, an entry name that is absolute, climbs out (<c>..</c>)
/// or holds odd characters, a declared size over the bound, or a compression ratio only a zip bomb has. Only the
/// two files at the archive's root are written, each through a bounded copy that also stops when an entry holds more
/// than it declared.
/// </summary>
internal static class StateArchive
{
    public const string Manifest = "manifest.json";
    public const string Catalog = "catalog.json";

    /// <summary>Below this size a high compression ratio is harmless (a short run of repeated bytes).</summary>
    private const long RatioFloorBytes = 1L << 20;

    public static async Task ExtractAsync(string archivePath, string folder, StateLimits limits, string display, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            throw Refused(display, "it is not a zip archive");
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw Refused(display, $"it holds {archive.Entries.Count} entries, more than the {limits.MaxEntries} allowed");
            }

            foreach (var entry in archive.Entries)
            {
                if (!IsSafeName(entry.FullName))
                {
                    throw Refused(display, $"an entry's name ('{Printable(entry.FullName)}') is absolute, leaves the archive's folder or holds characters no artifact file has");
                }

                if (entry.Length > limits.MaxEntryBytes)
                {
                    throw TooLarge(display, entry.FullName, entry.Length, limits.MaxEntryBytes);
                }

                if (entry.Length > RatioFloorBytes && entry.Length > (entry.CompressedLength == 0 ? 0 : entry.CompressedLength * limits.MaxCompressionRatio))
                {
                    throw Refused(display, $"'{Printable(entry.FullName)}' expands {entry.Length / Math.Max(1, entry.CompressedLength)} times, more than the {limits.MaxCompressionRatio} JSON does");
                }
            }

            Directory.CreateDirectory(folder);
            foreach (var name in new[] { Manifest, Catalog })
            {
                if (archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.Ordinal)) is not { } entry)
                {
                    continue;
                }

                var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await WriteBoundedAsync(stream, Path.Combine(folder, name), Math.Min(entry.Length, limits.MaxEntryBytes), display + ": " + name, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="path"/> (through a temporary file, so nothing half-written
    /// is left under the name) and stops with DC4106 past <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task WriteBoundedAsync(Stream source, string path, long maxBytes, string display, CancellationToken cancellationToken)
    {
        var temporary = path + ".part";
        try
        {
            var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (target.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(display, null, total, maxBytes);
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (InvalidDataException e)
        {
            throw new ServiceException(DiagnosticCodes.StateArchiveRefused.Create(
                $"{display} could not be read: the compressed data is damaged.", hint: "Upload the state artifact again from a successful production run."), e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A relative path of plain segments: no root, drive, <c>..</c>, backslash, control or colon characters.</summary>
    internal static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name.Length > 260 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal)
            || name.Any(c => char.IsControl(c) || c == ':'))
        {
            return false;
        }

        var segments = name.TrimEnd('/').Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != "..");
    }

    private static string Printable(string value) =>
        new([.. value.Select(c => char.IsControl(c) ? '?' : c).Take(80)]);

    private static ServiceException Refused(string display, string why) => new(DiagnosticCodes.StateArchiveRefused.Create(
        $"The production state archive {display} was refused: {why}. Nothing from it was used.",
        hint: "Upload only manifest.json and catalog.json (actions/upload-artifact with those two paths) from the production job, and check who else can upload an artifact of that name."));

    private static ServiceException TooLarge(string display, string? entry, long size, long limit) => new(DiagnosticCodes.StateTooLarge.Create(
        $"{display}{(entry is null ? string.Empty : $": '{Printable(entry)}'")} is {size / (1024 * 1024)} MiB or more, over the {limit / (1024 * 1024)} MiB a production state file may be.",
        hint: "Upload only manifest.json and catalog.json; a dbt manifest of even a very large project stays well below this bound."));
}
