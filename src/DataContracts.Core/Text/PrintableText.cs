using System.Text;

// The MSBuild task compiles this same file (it does not reference the core); its own namespace keeps the two
// copies apart for assemblies that see both.
#if DATACONTRACTS_MSBUILD
namespace DataContracts.MSBuild;
#else
namespace DataContracts.Text;
#endif

/// <summary>
/// The one sanitising step for untrusted text (catalog titles, owners and URLs, column names, reasons, file
/// names, SQL identifiers, messages that quote them) in every format a person or a CI runner reads line by
/// line. A runner treats a line that starts with <c>::</c> (or the older <c>##[</c>) as a workflow command, and
/// it ends a line at <c>\n</c>, <c>\r</c> and the Unicode breaks; a terminal obeys escape sequences (colours,
/// OSC-8 links); bidirectional controls make a name read as something else. So a value never ends a line,
/// never starts one, and never carries an escape or a bidi control. Markdown and Mermaid escape more on top of
/// <see cref="Value"/>; JSON formats keep the exact value and escape these characters instead (<see cref="Json"/>).
/// Linked into the MSBuild task's assembly, so the task cleans the report's text the same way.
/// </summary>
internal static class PrintableText
{
    /// <summary>One value on one line: line breaks and tabs become spaces; escape sequences, other control and bidirectional-control characters go.</summary>
    public static string Value(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!NeedsCleaning(value))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\u001b')
            {
                i = EndOfEscape(value, i);
            }
            else if (IsLineBreak(c) || c is '\t' or '\v' or '\f')
            {
                text.Append(' ');
            }
            else if (!char.IsControl(c) && !IsBidiControl(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The last step of every human-format output (a backstop for a value a renderer forgot to clean): every
    /// line break a runner honours becomes <c>\n</c>; control and bidirectional-control characters go, except
    /// the colour sequences a terminal report asked for (<paramref name="keepColour"/>); and a line a runner
    /// would read as a workflow command gets a backslash before it (after the indentation, which runners skip).
    /// Never apply to the tool's own annotations.
    /// </summary>
    public static string Lines(string rendered, bool keepColour = false)
    {
        var text = new StringBuilder(rendered.Length);
        for (var i = 0; i < rendered.Length; i++)
        {
            var c = rendered[i];
            if (c == '\r' && i + 1 < rendered.Length && rendered[i + 1] == '\n')
            {
                continue;
            }

            if (IsLineBreak(c))
            {
                text.Append('\n');
            }
            else if (c == '\u001b')
            {
                var end = EndOfEscape(rendered, i);
                if (keepColour && IsColour(rendered, i, end))
                {
                    text.Append(rendered, i, end - i + 1);
                }

                i = end;
            }
            else if (c == '\t' || (!char.IsControl(c) && !IsBidiControl(c)))
            {
                text.Append(c);
            }
        }

        var cleaned = text.ToString();
        if (!cleaned.Contains("::", StringComparison.Ordinal) && !cleaned.Contains("##[", StringComparison.Ordinal))
        {
            return cleaned;
        }

        var lines = cleaned.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = 0;
            while (start < line.Length && (char.IsWhiteSpace(line[start]) || line[start] == '\u001b'))
            {
                // A colour sequence before the text does not stop a runner from reading a command after it.
                start = line[start] == '\u001b' ? EndOfEscape(line, start) + 1 : start + 1;
            }

            var rest = line.AsSpan(start);
            if (rest.StartsWith("::", StringComparison.Ordinal) || rest.StartsWith("##[", StringComparison.Ordinal))
            {
                lines[i] = string.Concat(line.AsSpan(0, start), "\\", rest);
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Serialised JSON with every control, line-separator and bidirectional-control character left raw by the
    /// encoder written as a <c>\uXXXX</c> escape. Outside strings JSON has only ASCII structure, so every such
    /// character is inside a string, where the escape means the same value: consumers still get the exact text.
    /// </summary>
    public static string Json(string json)
    {
        var first = 0;
        while (first < json.Length && !NeedsJsonEscape(json[first]))
        {
            first++;
        }

        if (first == json.Length)
        {
            return json;
        }

        var text = new StringBuilder(json.Length + 16).Append(json, 0, first);
        for (var i = first; i < json.Length; i++)
        {
            var c = json[i];
            if (NeedsJsonEscape(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Characters a runner (or an editor) ends a line at: <c>\n</c>, <c>\r</c>, NEL, LS and PS.</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// Embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) and the marks (U+200E, U+200F,
    /// U+061C) reorder or flip what is shown, so a name could read as something else.
    /// </summary>
    public static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    // The encoder escapes C0 controls in strings; the newlines left are the indentation's own.
    private static bool NeedsJsonEscape(char c) => c > '~' && (char.IsControl(c) || IsLineBreak(c) || IsBidiControl(c));

    private static bool NeedsCleaning(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || IsBidiControl(c) || IsLineBreak(c))
            {
                return true;
            }
        }

        return false;
    }

    // Select Graphic Rendition (ESC [ digits ; m) only: colour and weight, nothing that moves, links or titles.
    private static bool IsColour(string text, int start, int end)
    {
        if (end - start < 2 || text[start + 1] != '[' || text[end] != 'm')
        {
            return false;
        }

        for (var i = start + 2; i < end; i++)
        {
            if (!char.IsAsciiDigit(text[i]) && text[i] != ';')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int EndOfEscape(string value, int start)
    {
        if (start + 1 >= value.Length)
        {
            return start;
        }

        var kind = value[start + 1];
        if (kind == '[')
        {
            // CSI: parameters and intermediates, then one final byte in @..~.
            for (var i = start + 2; i < value.Length; i++)
            {
                if (value[i] is >= '@' and <= '~')
                {
                    return i;
                }
            }

            return value.Length - 1;
        }

        if (kind is ']' or 'P' or 'X' or '^' or '_')
        {
            // OSC and the other string commands end with BEL or ESC \ (the string terminator).
            for (var i = start + 2; i < value.Length; i++)
            {
                if (value[i] == '\u0007')
                {
                    return i;
                }

                if (value[i] == '\u001b' && i + 1 < value.Length && value[i + 1] == '\\')
                {
                    return i + 1;
                }
            }

            return value.Length - 1;
        }

        return start + 1;
    }
}
