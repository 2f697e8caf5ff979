using System.Text;

namespace DataContracts.Reports;

/// <summary>
/// The one sanitising step for untrusted text (catalog titles and owners, file names, messages that quote
/// them) in every format a person or a CI runner reads line by line. A runner treats a line that starts with
/// <c>::</c> (or the older <c>##[</c>) as a workflow command, and a terminal obeys escape sequences, so a
/// value must never end a line, start one, or carry an escape.
/// </summary>
internal static class PrintableText
{
    /// <summary>One value on one line: line breaks and tabs become spaces; escape sequences, other control and bidirectional-override characters go.</summary>
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
            else if (c is '\r' or '\n' or '\t' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029')
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
    /// Neutralises every line of rendered text that a runner would read as a workflow command, by putting a
    /// backslash before it (after the indentation, which runners skip). Apply to whole human-format outputs;
    /// never to the tool's own annotations.
    /// </summary>
    public static string Lines(string rendered)
    {
        if (!rendered.Contains("::", StringComparison.Ordinal) && !rendered.Contains("##[", StringComparison.Ordinal))
        {
            return rendered;
        }

        var lines = rendered.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            var rest = line.AsSpan(start);
            if (rest.StartsWith("::", StringComparison.Ordinal) || rest.StartsWith("##[", StringComparison.Ordinal))
            {
                lines[i] = string.Concat(line.AsSpan(0, start), "\\", rest);
            }
        }

        return string.Join('\n', lines);
    }

    private static bool NeedsCleaning(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || IsBidiControl(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    // U+202A..U+202E and U+2066..U+2069 reorder what is shown, so a name could read as something else.
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

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
