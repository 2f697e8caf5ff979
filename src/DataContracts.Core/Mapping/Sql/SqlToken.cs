namespace DataContracts.Mapping.Sql;

/// <summary>What a <see cref="SqlToken"/> is. Keywords are not told apart from identifiers: the extractor reads words in context.</summary>
public enum SqlTokenKind
{
    /// <summary>An unquoted identifier or keyword.</summary>
    Word,

    /// <summary>A quoted identifier: <c>"x"</c>, <c>`x`</c> or <c>[x]</c>, by dialect.</summary>
    QuotedIdentifier,

    /// <summary>A string literal of any form the dialect knows (including dollar-quoted bodies).</summary>
    String,

    Number,

    /// <summary>A variable or parameter: <c>@x</c>, <c>@@x</c>, <c>$1</c>, <c>$name</c>, <c>?</c>.</summary>
    Variable,

    /// <summary>One punctuation or operator character (<c>(</c>, <c>.</c>, <c>,</c>, <c>=</c>, ...).</summary>
    Punctuation,

    /// <summary><c>;</c>.</summary>
    StatementSeparator,

    /// <summary>T-SQL <c>GO</c> alone on its line.</summary>
    BatchSeparator,

    Comment,

    /// <summary>A Jinja expression <c>{{ … }}</c>, kept opaque.</summary>
    TemplateExpression,

    /// <summary>A Jinja statement <c>{% … %}</c> or comment <c>{# … #}</c>, kept opaque.</summary>
    TemplateBlock,

    /// <summary>A character no rule of the dialect accepts (for example a stray backslash).</summary>
    Unknown,
}

/// <summary>
/// One token with its position. <see cref="Value"/> is the unescaped content of a quoted identifier or string
/// (quotes removed, doubled quotes collapsed); for other kinds it equals <see cref="Text"/>.
/// <see cref="Unterminated"/> is set when the input ended inside the token.
/// </summary>
internal readonly record struct SqlToken(
    SqlTokenKind Kind,
    string Text,
    string Value,
    int Offset,
    int Line,
    int Column,
    bool Unterminated = false)
{
    /// <summary>Offset just after the token in the source text.</summary>
    public int End => Offset + Text.Length;

    /// <summary>True for an unquoted word equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool IsWord(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == SqlTokenKind.Punctuation && Text.Length == 1 && Text[0] == c;
}
