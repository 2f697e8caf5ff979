using DataContracts.Contracts;

namespace DataContracts.Mapping.Sql;

/// <summary>How a dialect quotes, comments and names. One place, so the tokenizer and the docs agree.</summary>
internal sealed record SqlDialectRules
{
    public bool DoubleQuotedIdentifiers { get; init; } = true;

    public bool BacktickIdentifiers { get; init; }

    public bool BracketIdentifiers { get; init; }

    /// <summary>Backslash escapes the next character inside ordinary single- (and double-, where strings) quoted strings.</summary>
    public bool BackslashEscapes { get; init; }

    /// <summary>PostgreSQL <c>E'..'</c> strings with backslash escapes (and <c>U&amp;'..'</c>).</summary>
    public bool EscapeStringPrefix { get; init; }

    /// <summary><c>$$..$$</c> bodies.</summary>
    public bool DollarQuotes { get; init; }

    /// <summary><c>$tag$..$tag$</c> bodies (PostgreSQL family); Snowflake allows only the empty tag.</summary>
    public bool TaggedDollarQuotes { get; init; }

    public bool HashComments { get; init; }

    public bool DoubleSlashComments { get; init; }

    public bool NestedBlockComments { get; init; }

    /// <summary>BigQuery <c>'''..'''</c> and <c>"""..."""</c>.</summary>
    public bool TripleQuotedStrings { get; init; }

    /// <summary><c>r'..'</c> raw strings (and BigQuery <c>b</c>/<c>rb</c> prefixes).</summary>
    public bool RawStringPrefix { get; init; }

    /// <summary>T-SQL <c>N'..'</c>.</summary>
    public bool NationalStringPrefix { get; init; }

    /// <summary>T-SQL: <c>GO</c> on its own line ends a batch; <c>#temp</c> names; <c>@variables</c>.</summary>
    public bool TSqlLexicon { get; init; }

    /// <summary>Parts a relation name may have. T-SQL allows a fourth (the linked server), which is ignored.</summary>
    public int MaxNameParts { get; init; } = 3;

    /// <summary>BigQuery: one backtick-quoted identifier may hold a whole path (<c>`p.d.t`</c>); unquoted project names may contain dashes.</summary>
    public bool BigQueryPaths { get; init; }

    /// <summary><c>SELECT … INTO new_table</c> creates a table (T-SQL, PostgreSQL, Redshift).</summary>
    public bool SelectIntoCreatesTable { get; init; }

    public static SqlDialectRules For(SqlDialect dialect) => dialect switch
    {
        SqlDialect.Postgres => new()
        {
            EscapeStringPrefix = true,
            DollarQuotes = true,
            TaggedDollarQuotes = true,
            NestedBlockComments = true,
            SelectIntoCreatesTable = true,
        },
        SqlDialect.Redshift => new()
        {
            DollarQuotes = true,
            TaggedDollarQuotes = true,
            SelectIntoCreatesTable = true,
        },
        SqlDialect.Snowflake => new()
        {
            BackslashEscapes = true,
            DollarQuotes = true,
            DoubleSlashComments = true,
        },
        SqlDialect.BigQuery => new()
        {
            DoubleQuotedIdentifiers = false,
            BacktickIdentifiers = true,
            BackslashEscapes = true,
            HashComments = true,
            TripleQuotedStrings = true,
            RawStringPrefix = true,
            BigQueryPaths = true,
        },
        SqlDialect.Databricks => new()
        {
            DoubleQuotedIdentifiers = false,
            BacktickIdentifiers = true,
            BackslashEscapes = true,
            NestedBlockComments = true,
            RawStringPrefix = true,
        },
        SqlDialect.TSql => new()
        {
            BracketIdentifiers = true,
            NestedBlockComments = true,
            NationalStringPrefix = true,
            TSqlLexicon = true,
            MaxNameParts = 4,
            SelectIntoCreatesTable = true,
        },
        _ => new(),
    };
}
