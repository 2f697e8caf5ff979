using DataContracts.Diagnostics;

namespace DataContracts.Reports;

/// <summary>Writes report files atomically: a cancelled or failed run never leaves half a report behind.</summary>
public static class ReportFile
{
    public static async Task WriteAtomicAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.ReportNotWritten.Create(
                $"The report cannot be written to '{path}': {e.Message}", new SourceLocation(path),
                "Check that the folder exists and is writable, and that the path is not a folder."));
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
