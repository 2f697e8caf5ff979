using System.Collections.Immutable;
using System.Text.Json;

using DataContracts.Diagnostics;
using DataContracts.IO;

namespace DataContracts.Catalog.Snapshot;

/// <summary>A snapshot read from disk, with the warnings found while reading it.</summary>
internal sealed record SnapshotLoadResult(CatalogSnapshot Snapshot, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Reads and writes the catalog snapshot file (version 1, see docs/catalog.md).</summary>
internal static class SnapshotFile
{
    /// <summary>
    /// Reads a snapshot. Throws <see cref="InputException"/> (DC6020–DC6023, with line and column) when the file is
    /// missing, not JSON, of another version, or has an entry without its id; lineage naming ids that are not
    /// among the resources is a warning (DC6024) in the result.
    /// </summary>
    public static async Task<SnapshotLoadResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await BoundedFile.ReadAllBytesAsync(path, path, cancellationToken, BoundedFile.MaxArtifactBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(DiagnosticCodes.SnapshotNotFound.Create(
                $"The catalog snapshot '{path}' does not exist.",
                new SourceLocation(path),
                "Create it with 'datacontracts snapshot --output <file>', or fix secoda.snapshot / --catalog-snapshot."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.SnapshotNotFound.Create(
                $"The catalog snapshot '{path}' could not be read: {ex.Message}",
                new SourceLocation(path),
                "Check the file's permissions."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InputException(DiagnosticCodes.SnapshotInvalidJson.Create(
                $"The catalog snapshot is not valid JSON: {FirstSentence(ex.Message)}",
                new SourceLocation(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1),
                "Regenerate it with 'datacontracts snapshot --output <file>'."));
        }

        using (document)
        {
            try
            {
                return new SnapshotReader(path, new JsonPositions(bytes)).Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                var (line, column) = JsonText.FindInvalidString(bytes) ?? (0, 0);
                throw new InputException(DiagnosticCodes.SnapshotInvalidJson.Create(
                    "The catalog snapshot holds a string that is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800, or invalid UTF-8).",
                    new SourceLocation(path, line, column),
                    "Regenerate it with 'datacontracts snapshot --output <file>'."));
            }
        }
    }

    /// <summary>
    /// Writes a snapshot atomically (temporary file in the same folder, then a rename) in a stable order:
    /// resources by id, lineage by (from, to), owners sorted, so that re-generating it diffs cleanly.
    /// </summary>
    public static async Task WriteAsync(string path, CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(
                path,
                async (stream, ct) =>
                {
                    await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                    SnapshotWriter.Write(writer, snapshot);
                    await writer.FlushAsync(ct);
                    await stream.WriteAsync("\n"u8.ToArray(), ct);
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.SnapshotWriteFailed.Create(
                $"The catalog snapshot '{path}' could not be written: {ex.Message}",
                new SourceLocation(path),
                "Check that the folder exists and is writable."));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
