using System.Text;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

/// <summary>Reads a SQL file as text, refusing folders, missing files and binary content with a DC5xxx error.</summary>
internal static class SqlFileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Text, Diagnostic? Error)> ReadAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        if (Directory.Exists(fullPath))
        {
            return (null, DiagnosticCodes.SqlPathIsFolder.Create(
                $"{displayPath} matches sql.paths but is a folder, not a SQL file.",
                new SourceLocation(displayPath),
                "Make the sql.paths globs end in a file pattern such as '**/*.sql'."));
        }

        if (!File.Exists(fullPath))
        {
            return (null, DiagnosticCodes.SqlFileUnreadable.Create(
                $"{displayPath} is listed as changed but does not exist in the workspace.",
                new SourceLocation(displayPath),
                "Check the changed-file list, or mark the file as deleted."));
        }

        byte[] bytes;
        try
        {
            bytes = await IO.BoundedFile.ReadAllBytesAsync(fullPath, displayPath, cancellationToken);
        }
        catch (InputException tooLarge)
        {
            return (null, tooLarge.Diagnostics[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, DiagnosticCodes.SqlFileUnreadable.Create(
                $"{displayPath} cannot be read: {ex.Message}",
                new SourceLocation(displayPath),
                "Check the file's permissions and that no other process holds it locked."));
        }

        return Decode(bytes, displayPath);
    }

    /// <summary>Text already read (from the diff base) must not be binary either.</summary>
    public static Diagnostic? CheckText(string text, string displayPath) =>
        text.Contains('\0') ? NotText(displayPath, "it contains NUL bytes") : null;

    private static (string? Text, Diagnostic? Error) Decode(byte[] bytes, string displayPath)
    {
        try
        {
            string text;
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                // SQL Server Management Studio saves scripts as UTF-16 with a byte order mark.
                text = new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            }
            else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                text = new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            }
            else
            {
                var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                if (Array.IndexOf(bytes, (byte)0, start) >= 0)
                {
                    return (null, NotText(displayPath, "it contains NUL bytes"));
                }

                text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            }

            var error = CheckText(text, displayPath);
            return error is null ? (text, null) : (null, error);
        }
        catch (DecoderFallbackException)
        {
            return (null, NotText(displayPath, "it is not valid UTF-8 or UTF-16 text"));
        }
    }

    private static Diagnostic NotText(string displayPath, string why) =>
        DiagnosticCodes.SqlFileNotText.Create(
            $"{displayPath} matches sql.paths but is not a SQL text file: {why}.",
            new SourceLocation(displayPath),
            "Save it as UTF-8, or exclude it from sql.paths with a '!' pattern (for example '!**/*.bin.sql').");
}
