using System.Text;
using System.Text.Json;

namespace DataContracts.IO;

/// <summary>
/// System.Text.Json parses a string holding a lone UTF-16 surrogate (<c>"\ud800"</c>) or invalid UTF-8 without
/// complaint and throws <see cref="InvalidOperationException"/> only when the string is read. Readers catch that
/// and ask here where the bad string is, so the error names the file, line and column like any other bad JSON.
/// </summary>
internal static class JsonText
{
    /// <summary>The 1-based line and column of the first string or property name that is not valid Unicode text; null if none.</summary>
    public static (int Line, int Column)? FindInvalidString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsValidText(ref reader))
                {
                    return Position(json, reader.TokenStartIndex);
                }
            }
        }
        catch (JsonException)
        {
            // Broken JSON is the parser's to report; only strings are looked at here.
        }

        return null;
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    public static (int Line, int Column) Position(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
