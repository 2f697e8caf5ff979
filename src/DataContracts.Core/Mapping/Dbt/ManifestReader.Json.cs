using System.Collections.Immutable;
using System.Text.Json;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>Small Utf8JsonReader helpers and the errors a broken manifest turns into.</summary>
internal static partial class ManifestReader
{
    /// <summary>
    /// Reads one member of an object, called with the reader on the member's name: it reads the value and returns
    /// true, or returns false to have the value skipped unread.
    /// </summary>
    private delegate bool MemberReader<in T>(ref Utf8JsonReader reader, T target);

    /// <summary>
    /// The one object loop of this reader: reads the next value and, when it is an object, hands each of its
    /// members to <paramref name="read"/>; any other value is skipped. False when the value was not an object.
    /// </summary>
    private static bool ReadObject<T>(ref Utf8JsonReader reader, T target, MemberReader<T> read) =>
        BeginObject(ref reader) && ReadMembers(ref reader, target, read);

    /// <summary><see cref="ReadObject"/> for an object the reader is already on (its StartObject); ends on its EndObject.</summary>
    private static bool ReadMembers<T>(ref Utf8JsonReader reader, T target, MemberReader<T> read)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!read(ref reader, target))
            {
                SkipValue(ref reader);
            }
        }

        return true;
    }

    /// <summary>Reads the next value: true on the StartObject of an object; any other value is skipped.</summary>
    private static bool BeginObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>Reads the next value as a boolean; any other value is skipped and gives null.</summary>
    private static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            return reader.GetBoolean();
        }

        reader.Skip();
        return null;
    }

    private static ImmutableArray<string> ReadStringArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return [];
        }

        var items = ImmutableArray.CreateBuilder<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                items.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }

        return items.DrainToImmutable();
    }

    /// <summary>Reads a scalar as text (numbers keep their JSON spelling: versions may be 2 or "2"); other values are skipped.</summary>
    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static bool LooksTruncated(JsonException ex) =>
        ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("should be closed", StringComparison.OrdinalIgnoreCase);

    private static string FirstSegment(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? id : id[..dot];
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "value",
    };

    private const string NotText = "it holds a string that is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800, or invalid UTF-8)";

    private static InputException NotJson(string displayPath, string reason, int line, int column) =>
        new(DiagnosticCodes.DbtManifestInvalidJson.Create(
            $"The dbt manifest '{displayPath}' cannot be parsed: {reason}.",
            new SourceLocation(displayPath, Math.Max(line, 0), Math.Max(column, 0)),
            RegenerateHint));

    /// <summary>Looks at the next value without consuming it: a manifest whose nodes are not an object would read as a project with no models.</summary>
    private static void RequireObject(Utf8JsonReader reader, string key)
    {
        if (reader.Read() && reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ShapeException($"its '{key}' is a JSON {Describe(reader.TokenType)}, not an object", reader.TokenStartIndex);
        }
    }

    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, before.Length - lineStart + 1);
    }

    /// <summary>A wrong shape found deep in the reader, where the bytes are not at hand to say the line; Parse adds it.</summary>
    private sealed class ShapeException(string message, long offset) : Exception(message)
    {
        public long Offset { get; } = offset;
    }

    private static InputException NotAManifest(string displayPath, string reason, int line, int column) =>
        new(DiagnosticCodes.DbtNotAManifest.Create(
            $"'{displayPath}' is not a dbt manifest: {reason}.",
            new SourceLocation(displayPath, line, column),
            "Point --manifest or dbt.manifest at target/manifest.json (not catalog.json or run_results.json). " + RegenerateHint));

    private static InputException Unreadable(string displayPath, string reason) =>
        new(DiagnosticCodes.DbtManifestUnreadable.Create(
            $"The dbt manifest '{displayPath}' cannot be read: {reason}",
            new SourceLocation(displayPath),
            "Check the file's permissions and that no other process is writing it."));
}
