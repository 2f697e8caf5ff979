using DataContracts.Contracts;
using DataContracts.Mapping.Sql;

namespace DataContracts.Tests.Models.Sql;

public class SqlTokenizerTests
{
    private static string Describe(string sql, SqlDialect dialect) =>
        string.Join(" ", SqlTokenizer.Tokenize(sql, dialect).Select(t => $"{t.Kind}:{t.Value}"));

    [Theory]
    [InlineData(SqlDialect.Ansi, "\"a\"\"b\"", "QuotedIdentifier:a\"b")]
    [InlineData(SqlDialect.Postgres, "\"x\"", "QuotedIdentifier:x")]
    [InlineData(SqlDialect.Snowflake, "\"x\"", "QuotedIdentifier:x")]
    [InlineData(SqlDialect.Redshift, "\"x\"", "QuotedIdentifier:x")]
    [InlineData(SqlDialect.BigQuery, "\"x\"", "String:x")]
    [InlineData(SqlDialect.BigQuery, "`a``b`", "QuotedIdentifier:a`b")]
    [InlineData(SqlDialect.Databricks, "`x`", "QuotedIdentifier:x")]
    [InlineData(SqlDialect.Databricks, "\"x\"", "String:x")]
    [InlineData(SqlDialect.TSql, "[a]]b]", "QuotedIdentifier:a]b")]
    [InlineData(SqlDialect.TSql, "\"x\"", "QuotedIdentifier:x")]
    [InlineData(SqlDialect.Postgres, "[1]", "Punctuation:[ Number:1 Punctuation:]")]
    public void QuotedIdentifiersFollowTheDialect(SqlDialect dialect, string sql, string expected) =>
        Assert.Equal(expected, Describe(sql, dialect));

    [Theory]
    [InlineData(SqlDialect.Ansi, "'it''s'", "String:it's")]
    [InlineData(SqlDialect.Ansi, "'a\\' b", "String:a\\ Word:b")]
    [InlineData(SqlDialect.Postgres, "E'it\\'s' x", "String:it's Word:x")]
    [InlineData(SqlDialect.Postgres, "U&'d\\0061t' x", "String:d\\0061t Word:x")]
    [InlineData(SqlDialect.Postgres, "$$ a ' b $$ x", "String: a ' b  Word:x")]
    [InlineData(SqlDialect.Postgres, "$fn$ $$ inner $$ $fn$ x", "String: $$ inner $$  Word:x")]
    [InlineData(SqlDialect.Postgres, "$1 a$b", "Variable:$1 Word:a$b")]
    [InlineData(SqlDialect.Snowflake, "$$ it's $$ x", "String: it's  Word:x")]
    [InlineData(SqlDialect.Snowflake, "$tag$ x", "Variable:$tag Punctuation:$ Word:x")]
    [InlineData(SqlDialect.Snowflake, "'it\\'s' x", "String:it's Word:x")]
    [InlineData(SqlDialect.Redshift, "$body$ ; $body$ x", "String: ;  Word:x")]
    [InlineData(SqlDialect.BigQuery, "'''a ' '' b''' x", "String:a ' '' b Word:x")]
    [InlineData(SqlDialect.BigQuery, "\"\"\"x\"\"\" y", "String:x Word:y")]
    [InlineData(SqlDialect.BigQuery, "r'\\d' x", "String:\\d Word:x")]
    [InlineData(SqlDialect.BigQuery, "b'ab' x", "String:ab Word:x")]
    [InlineData(SqlDialect.Databricks, "r'\\' x", "String:\\ Word:x")]
    [InlineData(SqlDialect.TSql, "N'it''s' x", "String:it's Word:x")]
    [InlineData(SqlDialect.TSql, "@v @@ROWCOUNT #t ##g", "Variable:@v Variable:@@ROWCOUNT Word:#t Word:##g")]
    public void StringsFollowTheDialect(SqlDialect dialect, string sql, string expected) =>
        Assert.Equal(expected, Describe(sql, dialect));

    [Theory]
    [InlineData(SqlDialect.Ansi, "a -- c\nb", "Word:a Comment:-- c Word:b")]
    [InlineData(SqlDialect.Ansi, "a /* x /* y */ b", "Word:a Comment:/* x /* y */ Word:b")]
    [InlineData(SqlDialect.Postgres, "a /* x /* y */ z */ b", "Word:a Comment:/* x /* y */ z */ Word:b")]
    [InlineData(SqlDialect.TSql, "a /* x /* y */ z */ b", "Word:a Comment:/* x /* y */ z */ Word:b")]
    [InlineData(SqlDialect.Databricks, "a /* x /* y */ z */ b", "Word:a Comment:/* x /* y */ z */ Word:b")]
    [InlineData(SqlDialect.BigQuery, "a # c\nb", "Word:a Comment:# c Word:b")]
    [InlineData(SqlDialect.Databricks, "a # c", "Word:a Punctuation:# Word:c")]
    [InlineData(SqlDialect.Snowflake, "a // c\nb", "Word:a Comment:// c Word:b")]
    [InlineData(SqlDialect.Postgres, "a // c", "Word:a Punctuation:/ Punctuation:/ Word:c")]
    public void CommentsFollowTheDialect(SqlDialect dialect, string sql, string expected) =>
        Assert.Equal(expected, Describe(sql, dialect));

    [Fact]
    public void JinjaBlocksAreOpaqueTokens()
    {
        var tokens = SqlTokenizer.Tokenize("{{ ref('a}}b') }} {% if x %}{# ; #}{%- endif -%}", SqlDialect.Ansi);

        Assert.Equal(
            [SqlTokenKind.TemplateExpression, SqlTokenKind.TemplateBlock, SqlTokenKind.TemplateBlock, SqlTokenKind.TemplateBlock],
            tokens.Select(t => t.Kind));
        Assert.Equal("{{ ref('a}}b') }}", tokens[0].Text);
    }

    [Fact]
    public void GoIsABatchSeparatorOnlyAloneOnItsLine()
    {
        var tokens = SqlTokenizer.Tokenize("SELECT 1\n  go  \nSELECT go FROM t\nGO 5 -- twice\nGOTO x", SqlDialect.TSql);

        Assert.Equal(2, tokens.Count(t => t.Kind == SqlTokenKind.BatchSeparator));
        Assert.Contains(tokens, t => t.Kind == SqlTokenKind.Word && t.Text == "go");
        Assert.Contains(tokens, t => t.Kind == SqlTokenKind.Word && t.Text == "GOTO");
        Assert.DoesNotContain(SqlTokenizer.Tokenize("SELECT 1\nGO\n", SqlDialect.Ansi), t => t.Kind == SqlTokenKind.BatchSeparator);
    }

    [Fact]
    public void EveryTokenHasItsLineAndColumn()
    {
        var tokens = SqlTokenizer.Tokenize("a\r\n  'x\ny' b\r\tc", SqlDialect.Ansi);

        Assert.Equal([(1, 1), (2, 3), (3, 4), (4, 2)], tokens.Select(t => (t.Line, t.Column)));
    }

    [Theory]
    [InlineData(SqlDialect.Ansi, "select 'abc", SqlTokenKind.String)]
    [InlineData(SqlDialect.Ansi, "select \"abc", SqlTokenKind.QuotedIdentifier)]
    [InlineData(SqlDialect.Postgres, "select /* /* */", SqlTokenKind.Comment)]
    [InlineData(SqlDialect.Postgres, "select $x$ abc $y$", SqlTokenKind.String)]
    [InlineData(SqlDialect.TSql, "select [abc", SqlTokenKind.QuotedIdentifier)]
    [InlineData(SqlDialect.BigQuery, "select '''abc''", SqlTokenKind.String)]
    [InlineData(SqlDialect.Ansi, "select {{ x", SqlTokenKind.TemplateExpression)]
    public void UnterminatedTokensRunToTheEndAndAreFlagged(SqlDialect dialect, string sql, SqlTokenKind kind)
    {
        var last = SqlTokenizer.Tokenize(sql, dialect)[^1];

        Assert.Equal(kind, last.Kind);
        Assert.True(last.Unterminated);
        Assert.Equal(sql.Length, last.End);
    }

    [Fact]
    public void NeverThrowsAndCoversTheInputOnRandomText()
    {
        // Fragments that open and close every construct, shuffled: the seed keeps a failure reproducible.
        string[] fragments =
        [
            "'", "\"", "`", "[", "]", "$", "$$", "$a$", "--", "/*", "*/", "#", "//", "{{", "}}", "{%", "%}", "{#", "#}",
            "\\", "\n", "\r", " ", "\t", "E'", "N'", "r'", "'''", "\"\"\"", "U&'", "GO", "go\n", "@", "@@", "0x", "1.5e", ".",
            ";", "(", ")", "CREATE", "TABLE", "INSERT", "INTO", "a", "ü", "\0", "\uD800", "IDENTIFIER(", "-", "{% raw %}",
        ];
        var random = new Random(20261128);
        for (var run = 0; run < 3000; run++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => fragments[random.Next(fragments.Length)]));
            foreach (var dialect in Enum.GetValues<SqlDialect>())
            {
                var tokens = SqlTokenizer.Tokenize(text, dialect);
                var previousEnd = 0;
                foreach (var token in tokens)
                {
                    Assert.True(token.Offset >= previousEnd, $"overlapping tokens in {Escape(text)} ({dialect})");
                    Assert.True(token.Line >= 1 && token.Column >= 1);
                    Assert.Equal(text.Substring(token.Offset, token.Text.Length), token.Text);
                    Assert.True(string.IsNullOrWhiteSpace(text[previousEnd..token.Offset]), $"skipped text in {Escape(text)} ({dialect})");
                    previousEnd = token.End;
                }

                Assert.True(string.IsNullOrWhiteSpace(text[previousEnd..]), $"dropped tail in {Escape(text)} ({dialect})");
                _ = SqlTargetExtractor.Analyze(text, dialect, "fuzz.sql");
            }
        }
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
