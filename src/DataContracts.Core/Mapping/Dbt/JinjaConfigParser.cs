using System.Collections.Immutable;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// Reads the literal keyword arguments of <c>{{ config(...) }}</c> (and <c>dbt.config(...)</c> in Python
/// models) with a small single-pass tokenizer: linear time, no regular expressions. Values that are not
/// plain literals (Jinja expressions, var() calls, lists) are kept wrapped in <c>{{ }}</c>: unknown without dbt.
/// Snapshot blocks (<c>{% snapshot name %}</c>) are reported too, since one file may define several.
/// </summary>
internal static class JinjaConfigParser
{
    public sealed record Result(ImmutableDictionary<string, string> Config, ImmutableArray<string> SnapshotNames);

    public static Result Parse(string text)
    {
        var config = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var snapshots = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        while (i < text.Length)
        {
            // Jinja comments can hold commented-out config calls.
            if (StartsWith(text, i, "{#"))
            {
                var end = text.IndexOf("#}", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                continue;
            }

            if (StartsWith(text, i, "{%"))
            {
                var j = SkipSpaceAndDash(text, i + 2);
                if (ReadIdentifier(text, ref j) == "snapshot")
                {
                    j = SkipSpace(text, j);
                    if (ReadIdentifier(text, ref j) is { Length: > 0 } name)
                    {
                        snapshots.Add(name);
                    }
                }

                i += 2;
                continue;
            }

            if (IsIdentifierStart(text[i]) && (i == 0 || !IsIdentifierPart(text[i - 1])))
            {
                var start = i;
                var word = ReadIdentifier(text, ref i);
                if (word == "config" && (start == 0 || text[start - 1] != '.' || PrecededByDbt(text, start)))
                {
                    var j = SkipSpace(text, i);
                    if (j < text.Length && text[j] == '(')
                    {
                        i = ReadArguments(text, j + 1, config);
                    }
                }

                continue;
            }

            i++;
        }

        return new Result(config.ToImmutable(), snapshots.ToImmutable());
    }

    /// <summary>Reads <c>key=value</c> pairs up to the matching ')'; returns the index after it.</summary>
    private static int ReadArguments(string text, int i, ImmutableDictionary<string, string>.Builder into)
    {
        while (i < text.Length)
        {
            i = SkipSpace(text, i);
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] == ')')
            {
                return i + 1;
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            var key = ReadIdentifier(text, ref i);
            i = SkipSpace(text, i);
            if (key.Length == 0 || i >= text.Length || text[i] != '=')
            {
                // Positional argument or something unexpected: skip to the next top-level comma.
                i = SkipValue(text, i);
                continue;
            }

            i = SkipSpace(text, i + 1);
            var valueStart = i;
            var literal = ReadLiteral(text, ref i);
            var after = SkipSpace(text, i);
            if (literal is not null && after < text.Length && text[after] is ',' or ')')
            {
                into[key] = literal;
                i = after;
            }
            else
            {
                // An expression ('a' ~ var('x'), a list, a call): only dbt can render it. Keep it as Jinja so
                // it still overrides dbt_project.yml but is never taken for a literal name.
                i = SkipValue(text, valueStart);
                into[key] = "{{ " + text[valueStart..i].Trim() + " }}";
            }
        }

        return i;
    }

    private static string? ReadLiteral(string text, ref int i)
    {
        if (i >= text.Length)
        {
            return null;
        }

        var c = text[i];
        if (c is '\'' or '"')
        {
            var end = text.IndexOf(c, i + 1);
            if (end < 0)
            {
                i = text.Length;
                return null;
            }

            var value = text[(i + 1)..end];
            i = end + 1;
            return value.Contains('\\', StringComparison.Ordinal) ? null : value;
        }

        var start = i;
        var word = ReadIdentifier(text, ref i);
        return word switch
        {
            "true" or "True" => "true",
            "false" or "False" => "false",
            "none" or "None" => null,
            "" => ReadNumber(text, ref i, start),
            _ => null,
        };
    }

    private static string? ReadNumber(string text, ref int i, int start)
    {
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return i > start ? text[start..i] : null;
    }

    /// <summary>Skips one argument value, honouring brackets and strings; stops at a top-level ',' or ')'.</summary>
    private static int SkipValue(string text, int i)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                i = end < 0 ? text.Length : end + 1;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }

            i++;
        }

        return i;
    }

    private static bool PrecededByDbt(string text, int configStart) =>
        configStart >= 4 && string.CompareOrdinal(text, configStart - 4, "dbt.", 0, 4) == 0;

    private static string ReadIdentifier(string text, ref int i)
    {
        if (i >= text.Length || !IsIdentifierStart(text[i]))
        {
            return string.Empty;
        }

        var start = i;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return text[start..i];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpaceAndDash(string text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '-'))
        {
            i++;
        }

        return i;
    }

    private static bool StartsWith(string text, int i, string token) =>
        string.CompareOrdinal(text, i, token, 0, token.Length) == 0;
}
