using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataContracts.Mapping.Sql;

/// <summary>The text of a parsed fragment as tokens: comments and whitespace dropped, case folded outside string literals.</summary>
internal static class TSqlText
{
    public static string Tokens(TSqlFragment? fragment, int? fromToken = null)
    {
        if (fragment is null || fragment.ScriptTokenStream is not { } stream || fragment.FirstTokenIndex < 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        for (var i = fromToken ?? fragment.FirstTokenIndex; i <= fragment.LastTokenIndex && i < stream.Count; i++)
        {
            var token = stream[i];
            if (token.TokenType is TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            // T-SQL names and keywords ignore case under the default collations; the contents of a string do not.
            text.Append(token.TokenType is TSqlTokenType.AsciiStringLiteral or TSqlTokenType.UnicodeStringLiteral ? token.Text : token.Text.ToLowerInvariant());
        }

        return text.ToString();
    }

    /// <summary>The source text of a fragment, as written.</summary>
    public static string Source(TSqlFragment fragment)
    {
        var text = new StringBuilder();
        for (var i = fragment.FirstTokenIndex; i <= fragment.LastTokenIndex && i < fragment.ScriptTokenStream.Count; i++)
        {
            text.Append(fragment.ScriptTokenStream[i].Text);
        }

        return text.ToString();
    }

    /// <summary>A data type as written, without spaces and lower case: <c>nvarchar(50)</c>, <c>decimal(18,2)</c>.</summary>
    public static string Type(DataTypeReference? type) => Tokens(type)
        .Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)
        .Replace(" (", "(", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal)
        .Replace(" ,", ",", StringComparison.Ordinal).Replace(", ", ",", StringComparison.Ordinal);
}
