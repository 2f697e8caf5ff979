using DataContracts.Contracts;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// <c>USE</c> and <c>SET search_path</c>: later unqualified names are in that database or schema, which beats
/// the contract's <c>default_database</c>/<c>default_schema</c> because the script itself says so.
/// </summary>
internal sealed partial class SqlStatementScanner
{
    private string? _contextDatabase;
    private string? _contextSchema;

    private void ReadContext(int i)
    {
        var j = i + 1;
        if (Tok(i).IsWord("SET"))
        {
            // PostgreSQL / Redshift: SET search_path TO a, b — the first schema is where new tables go.
            if (dialect is not (SqlDialect.Postgres or SqlDialect.Redshift) || !Tok(j).IsWord("search_path"))
            {
                return;
            }

            j++;
            if (Tok(j).IsWord("TO") || Tok(j).IsPunctuation('='))
            {
                j++;
            }

            var path = Tok(j);
            var schema = path.Kind switch
            {
                SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier => path.Value,
                SqlTokenKind.String => path.Value.Split(',')[0].Trim().Trim('"'),
                _ => null,
            };
            if (!string.IsNullOrEmpty(schema) && !schema.StartsWith('$'))
            {
                _contextSchema = schema;
            }

            return;
        }

        if (Tok(j).IsWord("ROLE") || Tok(j).IsWord("WAREHOUSE") || Tok(j).IsWord("SECONDARY"))
        {
            return;
        }

        var what = Tok(j).IsWord("DATABASE") || Tok(j).IsWord("SCHEMA") || Tok(j).IsWord("CATALOG")
            ? Tok(j++).Text.ToUpperInvariant()
            : null;
        var name = ReadName(ref j);
        if (name.Status != NameStatus.Ok || name.Table is not { } target)
        {
            return;
        }

        switch (dialect)
        {
            case SqlDialect.Snowflake when what == "SCHEMA":
                _contextDatabase = target.Schema ?? _contextDatabase;
                _contextSchema = target.Name;
                break;
            case SqlDialect.Snowflake when what is null or "DATABASE":
                _contextDatabase = target.Name;
                _contextSchema = null;
                break;
            case SqlDialect.Databricks when what == "CATALOG":
                _contextDatabase = target.Name;
                _contextSchema = null;
                break;
            case SqlDialect.Databricks:
                // Databricks: DATABASE and SCHEMA are synonyms; "USE c.s" names both.
                _contextDatabase = target.Schema ?? _contextDatabase;
                _contextSchema = target.Name;
                break;
        }
    }

    private TableName InContext(TableName table) =>
        table.Database is not null || (_contextDatabase is null && _contextSchema is null)
            ? table
            : new TableName(_contextDatabase, table.Schema ?? _contextSchema, table.Name);
}
