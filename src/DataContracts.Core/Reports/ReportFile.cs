using System.Text;
using DataContracts.Diagnostics;
using DataContracts.IO;

namespace DataContracts.Reports;

/// <summary>Writes report files atomically: a cancelled or failed run never leaves half a report behind.</summary>
internal static class ReportFile
{
    public static async Task WriteAtomicAsync(string path, string content, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(path, new UTF8Encoding(false).GetBytes(content), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.ReportNotWritten.Create(
                $"The report cannot be written to '{path}': {e.Message}", new SourceLocation(path),
                "Check that the folder exists and is writable, and that the path is not a folder."));
        }
    }
}
