using System.Collections.Immutable;
using System.Text;
using DataContracts.Contracts;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Splits SQL text into tokens the way the chosen dialect reads it: which quotes make identifiers or
/// strings, which comments exist, dollar-quoted bodies, T-SQL <c>GO</c>, and Jinja blocks kept opaque.
/// It never throws on any input: text it cannot place becomes <see cref="SqlTokenKind.Unknown"/> or an
/// <see cref="SqlToken.Unterminated"/> token that runs to the end.
/// </summary>
internal static partial class SqlTokenizer
{
    /// <summary>Tokens in source order, whitespace dropped, comments kept.</summary>
    public static ImmutableArray<SqlToken> Tokenize(string sql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Scanner(sql, SqlDialectRules.For(dialect)).Run();
    }

    private sealed partial class Scanner(string text, SqlDialectRules rules)
    {
        private readonly ImmutableArray<SqlToken>.Builder _tokens = ImmutableArray.CreateBuilder<SqlToken>();
        private readonly StringBuilder _value = new();
        private int _pos;
        private int _line = 1;
        private int _column = 1;
        private int _lineStart;
        private int _startPos;
        private int _startLine;
        private int _startColumn;

        public ImmutableArray<SqlToken> Run()
        {
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (char.IsWhiteSpace(c))
                {
                    Advance();
                    continue;
                }

                _startPos = _pos;
                _startLine = _line;
                _startColumn = _column;
                _value.Clear();
                ScanToken(c);
            }

            return _tokens.ToImmutable();
        }

        private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

        private bool AtEnd => _pos >= text.Length;

        private void Advance()
        {
            if (_pos >= text.Length)
            {
                return;
            }

            var c = text[_pos++];
            if (c == '\n' || (c == '\r' && Peek(0) != '\n'))
            {
                _line++;
                _column = 1;
                _lineStart = _pos;
            }
            else if (c != '\r')
            {
                _column++;
            }
        }

        private void AdvanceTo(int offset)
        {
            while (_pos < offset && _pos < text.Length)
            {
                Advance();
            }
        }

        private void Emit(SqlTokenKind kind, bool unterminated = false, string? value = null)
        {
            var raw = text[_startPos.._pos];
            _tokens.Add(new SqlToken(kind, raw, value ?? raw, _startPos, _startLine, _startColumn, unterminated));
        }

        private void ScanToken(char c)
        {
            var next = Peek(1);
            if ((c == '-' && next == '-') || (c == '/' && next == '/' && rules.DoubleSlashComments) || (c == '#' && rules.HashComments && next != '}'))
            {
                ScanLineComment();
            }
            else if (c == '/' && next == '*')
            {
                ScanBlockComment();
            }
            else if (c == '{' && next is '{' or '%' or '#')
            {
                ScanTemplate(next);
            }
            else if (c == '\'')
            {
                ScanString(rules.BackslashEscapes);
            }
            else if (c == '"')
            {
                if (rules.DoubleQuotedIdentifiers)
                {
                    ScanQuoted(SqlTokenKind.QuotedIdentifier, '"', '"', backslash: false);
                }
                else
                {
                    ScanString(rules.BackslashEscapes);
                }
            }
            else if (c == '`' && rules.BacktickIdentifiers)
            {
                ScanQuoted(SqlTokenKind.QuotedIdentifier, '`', '`', backslash: false);
            }
            else if (c == '[' && rules.BracketIdentifiers)
            {
                ScanQuoted(SqlTokenKind.QuotedIdentifier, '[', ']', backslash: false);
            }
            else if (c == '$')
            {
                ScanDollar();
            }
            else if (rules.EscapeStringPrefix && c is 'U' or 'u' && next == '&' && Peek(2) is '\'' or '"')
            {
                // U&'..' / U&"..": Unicode escapes, but quoting is unchanged.
                Advance();
                Advance();
                if (Peek(0) == '"')
                {
                    ScanQuoted(SqlTokenKind.QuotedIdentifier, '"', '"', backslash: false);
                }
                else
                {
                    ScanQuoted(SqlTokenKind.String, '\'', '\'', backslash: false);
                }
            }
            else if (IsIdentifierStart(c) || (rules.TSqlLexicon && c == '#'))
            {
                ScanWord();
            }
            else if (rules.TSqlLexicon && c == '@')
            {
                Advance();
                while (!AtEnd && IsIdentifierPart(Peek(0)))
                {
                    Advance();
                }

                Emit(SqlTokenKind.Variable);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                ScanNumber();
            }
            else if (c == ';')
            {
                Advance();
                Emit(SqlTokenKind.StatementSeparator);
            }
            else if (c == '?')
            {
                Advance();
                Emit(SqlTokenKind.Variable);
            }
            else
            {
                Advance();
                Emit(char.IsPunctuation(c) || char.IsSymbol(c) ? SqlTokenKind.Punctuation : SqlTokenKind.Unknown);
            }
        }

        private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

        private bool IsIdentifierPart(char c) =>
            char.IsLetterOrDigit(c) || c == '_' || c == '$' || (rules.TSqlLexicon && c is '@' or '#');

        private void ScanWord()
        {
            var lineStart = _lineStart;
            Advance();
            while (!AtEnd && IsIdentifierPart(Peek(0)))
            {
                Advance();
            }

            var word = text.AsSpan(_startPos, _pos - _startPos);
            var quote = Peek(0);
            if (quote is '\'' or '"' && IsStringPrefix(word, quote, out var backslash))
            {
                ScanString(backslash);
                return;
            }

            if (rules.TSqlLexicon && word.Equals("GO", StringComparison.OrdinalIgnoreCase) && TryBatchSeparator(lineStart))
            {
                return;
            }

            Emit(SqlTokenKind.Word);
        }

        private bool IsStringPrefix(ReadOnlySpan<char> word, char quote, out bool backslash)
        {
            backslash = rules.BackslashEscapes;
            if (quote == '"' && rules.DoubleQuotedIdentifiers)
            {
                return false;
            }

            if (rules.EscapeStringPrefix && word is "E" or "e")
            {
                backslash = true;
                return true;
            }

            if (rules.NationalStringPrefix && word is "N" or "n")
            {
                backslash = false;
                return true;
            }

            if (rules.RawStringPrefix)
            {
                var lower = word.ToString().ToLowerInvariant();
                if (lower is "r" or "rb" or "br")
                {
                    backslash = false;
                    return true;
                }

                if (lower == "b" && rules.BigQueryPaths)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>T-SQL: <c>GO</c> [count] alone on its line (a trailing <c>--</c> comment allowed).</summary>
        private bool TryBatchSeparator(int lineStart)
        {
            for (var i = lineStart; i < _startPos; i++)
            {
                if (text[i] is not ' ' and not '\t')
                {
                    return false;
                }
            }

            var k = _pos;
            while (k < text.Length && text[k] is ' ' or '\t')
            {
                k++;
            }

            while (k < text.Length && char.IsAsciiDigit(text[k]))
            {
                k++;
            }

            while (k < text.Length && text[k] is ' ' or '\t')
            {
                k++;
            }

            if (k + 1 < text.Length && text[k] == '-' && text[k + 1] == '-')
            {
                while (k < text.Length && text[k] is not '\r' and not '\n')
                {
                    k++;
                }
            }

            if (k < text.Length && text[k] is not '\r' and not '\n')
            {
                return false;
            }

            AdvanceTo(k);
            Emit(SqlTokenKind.BatchSeparator);
            return true;
        }

        private void ScanNumber()
        {
            if (Peek(0) == '0' && Peek(1) is 'x' or 'X')
            {
                Advance();
                Advance();
                while (!AtEnd && char.IsAsciiHexDigit(Peek(0)))
                {
                    Advance();
                }

                Emit(SqlTokenKind.Number);
                return;
            }

            while (!AtEnd && char.IsAsciiDigit(Peek(0)))
            {
                Advance();
            }

            if (Peek(0) == '.' && !AtEnd)
            {
                Advance();
                while (!AtEnd && char.IsAsciiDigit(Peek(0)))
                {
                    Advance();
                }
            }

            if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
            {
                Advance();
                Advance();
                while (!AtEnd && char.IsAsciiDigit(Peek(0)))
                {
                    Advance();
                }
            }

            Emit(SqlTokenKind.Number);
        }
    }
}
