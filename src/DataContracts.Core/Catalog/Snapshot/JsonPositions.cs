using System.Text;
using System.Text.Json;

namespace DataContracts.Catalog.Snapshot;

/// <summary>
/// Line and column of every value in a JSON document, keyed by a JSON Pointer (<c>/resources/3/id</c>).
/// System.Text.Json's DOM keeps no positions, so the reader is run once more to collect them; this lets a
/// diagnostic about a snapshot entry point at the entry.
/// </summary>
internal sealed class JsonPositions
{
    private readonly byte[] _utf8;
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly List<int> _lineStarts = [0];

    public JsonPositions(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }

        Scan();
    }

    /// <summary>1-based (line, column) of the value at <paramref name="pointer"/>, or (0, 0) when unknown.</summary>
    public (int Line, int Column) Find(string pointer)
    {
        if (!_offsets.TryGetValue(pointer, out var offset))
        {
            return (0, 0);
        }

        var line = _lineStarts.BinarySearch((int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var start = _lineStarts[line];
        return (line + 1, Encoding.UTF8.GetCharCount(_utf8, start, (int)offset - start) + 1);
    }

    private void Scan()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<string>();
        var arrayIndex = new Stack<int>();
        var inArray = new Stack<bool>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                inArray.Pop();
                arrayIndex.Pop();
                if (path.Count > 0)
                {
                    path.RemoveAt(path.Count - 1);
                }

                continue;
            }

            // A value starts: name it by its parent's property or array index.
            string? segment = null;
            if (inArray.Count > 0)
            {
                if (inArray.Peek())
                {
                    var index = arrayIndex.Pop();
                    arrayIndex.Push(index + 1);
                    segment = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    segment = Escape(property ?? string.Empty);
                }
            }

            var pointer = segment is null ? string.Empty : "/" + string.Join('/', path.Append(segment));
            _offsets.TryAdd(pointer, reader.TokenStartIndex);

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (segment is not null)
                {
                    path.Add(segment);
                }

                inArray.Push(reader.TokenType == JsonTokenType.StartArray);
                arrayIndex.Push(0);
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
