namespace DataContracts.Mapping.Sql;

/// <content>Comments, Jinja blocks, quoted identifiers and every kind of string literal.</content>
internal static partial class SqlTokenizer
{
    private sealed partial class Scanner
    {
        private void ScanLineComment()
        {
            while (!AtEnd && Peek(0) is not '\n' and not '\r')
            {
                Advance();
            }

            Emit(SqlTokenKind.Comment);
        }

        private void ScanBlockComment()
        {
            Advance();
            Advance();
            var depth = 1;
            while (!AtEnd)
            {
                if (Peek(0) == '*' && Peek(1) == '/')
                {
                    Advance();
                    Advance();
                    if (--depth == 0)
                    {
                        Emit(SqlTokenKind.Comment);
                        return;
                    }
                }
                else if (rules.NestedBlockComments && Peek(0) == '/' && Peek(1) == '*')
                {
                    Advance();
                    Advance();
                    depth++;
                }
                else
                {
                    Advance();
                }
            }

            Emit(SqlTokenKind.Comment, unterminated: true);
        }

        private void ScanTemplate(char kind)
        {
            var close = kind == '{' ? "}}" : kind + "}";
            var end = FindTemplateClose(_pos + 2, close, skipStrings: kind != '#');
            if (end < 0)
            {
                AdvanceTo(text.Length);
                Emit(kind == '{' ? SqlTokenKind.TemplateExpression : SqlTokenKind.TemplateBlock, unterminated: true);
                return;
            }

            if (kind == '%' && IsTag(_pos, end, "raw"))
            {
                // {% raw %} … {% endraw %}: everything between is template text, not SQL.
                var search = end;
                while (true)
                {
                    var open = text.IndexOf("{%", search, StringComparison.Ordinal);
                    var tagEnd = open < 0 ? -1 : FindTemplateClose(open + 2, "%}", skipStrings: true);
                    if (tagEnd < 0)
                    {
                        AdvanceTo(text.Length);
                        Emit(SqlTokenKind.TemplateBlock, unterminated: true);
                        return;
                    }

                    if (IsTag(open, tagEnd, "endraw"))
                    {
                        end = tagEnd;
                        break;
                    }

                    search = tagEnd;
                }
            }

            AdvanceTo(end);
            Emit(kind == '{' ? SqlTokenKind.TemplateExpression : SqlTokenKind.TemplateBlock);
        }

        /// <summary>Offset just past <paramref name="close"/>, or -1.</summary>
        private int FindTemplateClose(int from, string close, bool skipStrings)
        {
            var i = from;
            while (i < text.Length)
            {
                var c = text[i];
                if (skipStrings && c is '\'' or '"')
                {
                    i++;
                    while (i < text.Length && text[i] != c)
                    {
                        i += text[i] == '\\' ? 2 : 1;
                    }

                    i++;
                    continue;
                }

                if (c == close[0] && i + 1 < text.Length && text[i + 1] == close[1])
                {
                    return i + 2;
                }

                i++;
            }

            return -1;
        }

        private bool IsTag(int start, int end, string name)
        {
            if (end - start < 4)
            {
                return false;
            }

            var inner = text[(start + 2)..(end - 2)].Trim().Trim('-', '+').Trim();
            return string.Equals(inner, name, StringComparison.Ordinal);
        }

        private void ScanString(bool backslash)
        {
            var quote = Peek(0);
            if (rules.TripleQuotedStrings && Peek(1) == quote && Peek(2) == quote)
            {
                ScanTripleQuoted(quote, backslash);
                return;
            }

            ScanQuoted(SqlTokenKind.String, quote, quote, backslash);
        }

        private void ScanTripleQuoted(char quote, bool backslash)
        {
            Advance();
            Advance();
            Advance();
            while (!AtEnd)
            {
                if (backslash && TakeBackslashEscape())
                {
                    continue;
                }

                var c = Peek(0);

                if (c == quote && Peek(1) == quote && Peek(2) == quote)
                {
                    Advance();
                    Advance();
                    Advance();
                    Emit(SqlTokenKind.String, value: _value.ToString());
                    return;
                }

                _value.Append(c);
                Advance();
            }

            Emit(SqlTokenKind.String, unterminated: true, value: _value.ToString());
        }

        /// <summary>At a backslash, takes it and the escaped character into the value; false elsewhere.</summary>
        private bool TakeBackslashEscape()
        {
            if (Peek(0) != '\\')
            {
                return false;
            }

            Advance();
            if (!AtEnd)
            {
                _value.Append(Peek(0));
                Advance();
            }

            return true;
        }

        /// <summary>Reads from the opening quote at the cursor; a doubled closing quote is an escaped quote.</summary>
        private void ScanQuoted(SqlTokenKind kind, char open, char close, bool backslash)
        {
            if (Peek(0) == open)
            {
                Advance();
            }

            while (!AtEnd)
            {
                if (backslash && TakeBackslashEscape())
                {
                    continue;
                }

                var c = Peek(0);

                if (c == close)
                {
                    Advance();
                    if (Peek(0) == close && !AtEnd)
                    {
                        _value.Append(close);
                        Advance();
                        continue;
                    }

                    Emit(kind, value: _value.ToString());
                    return;
                }

                _value.Append(c);
                Advance();
            }

            Emit(kind, unterminated: true, value: _value.ToString());
        }

        private void ScanDollar()
        {
            string? tag = null;
            if (rules.DollarQuotes && Peek(1) == '$')
            {
                tag = string.Empty;
            }
            else if (rules.TaggedDollarQuotes && IsIdentifierStart(Peek(1)))
            {
                var k = _pos + 1;
                while (k < text.Length && (char.IsLetterOrDigit(text[k]) || text[k] == '_'))
                {
                    k++;
                }

                if (k < text.Length && text[k] == '$')
                {
                    tag = text[(_pos + 1)..k];
                }
            }

            if (tag is not null)
            {
                var delimiter = "$" + tag + "$";
                var bodyStart = _pos + delimiter.Length;
                var close = text.IndexOf(delimiter, bodyStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    AdvanceTo(text.Length);
                    Emit(SqlTokenKind.String, unterminated: true, value: text[Math.Min(bodyStart, text.Length)..]);
                    return;
                }

                AdvanceTo(close + delimiter.Length);
                Emit(SqlTokenKind.String, value: text[bodyStart..close]);
                return;
            }

            Advance();
            if (char.IsAsciiDigit(Peek(0)) || IsIdentifierStart(Peek(0)))
            {
                while (!AtEnd && (char.IsLetterOrDigit(Peek(0)) || Peek(0) == '_'))
                {
                    Advance();
                }

                Emit(SqlTokenKind.Variable);
                return;
            }

            Emit(SqlTokenKind.Punctuation);
        }
    }
}
