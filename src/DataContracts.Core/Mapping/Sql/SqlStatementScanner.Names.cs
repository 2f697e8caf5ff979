namespace DataContracts.Mapping.Sql;

/// <summary>Reading relation names: <c>a.b.c</c>, quoted parts, T-SQL <c>db..t</c>, BigQuery paths, Snowflake <c>IDENTIFIER('…')</c>.</summary>
internal sealed partial class SqlStatementScanner
{
    private enum NameStatus
    {
        /// <summary>No name here (a keyword, punctuation, a stage): the statement is not one that has a target.</summary>
        Absent,
        Ok,
        Templated,
        Variable,
        TooManyParts,
    }

    private readonly record struct NameResult(NameStatus Status, TableName? Table, SqlToken Token, bool Temporary);

    /// <summary>Words that end a statement's prefix rather than start a name.</summary>
    private static readonly HashSet<string> NotAName = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "SET", "VALUES", "WHERE", "FROM", "AS", "WITH", "ON", "USING", "WHEN", "THEN", "DEFAULT",
        "TABLE", "VIEW", "INTO", "TOP", "ONLY", "IF", "ROW", "ALL", "FIRST", "OVERWRITE", "DIRECTORY", "OUTPUT",
        "EXEC", "EXECUTE", "BY", "PARTITION", "LIKE", "CLONE", "END", "BEGIN", "FUNCTION", "PROCEDURE",
    };

    private NameResult ReadName(ref int j)
    {
        var first = Tok(j);
        var parts = new List<string?>();
        var status = ReadPart(ref j, parts);
        if (status != NameStatus.Ok)
        {
            return new NameResult(status, null, first, false);
        }

        while (Tok(j).IsPunctuation('.'))
        {
            j++;
            if (Tok(j).IsPunctuation('.'))
            {
                // T-SQL db..table: the schema is the default one.
                parts.Add(null);
                continue;
            }

            status = ReadPart(ref j, parts);
            if (status == NameStatus.Absent)
            {
                break;
            }

            if (status != NameStatus.Ok)
            {
                return new NameResult(status, null, first, false);
            }
        }

        if (parts.Count > 3)
        {
            return new NameResult(NameStatus.TooManyParts, null, first, false);
        }

        var name = parts[^1];
        if (string.IsNullOrEmpty(name))
        {
            return new NameResult(NameStatus.Absent, null, first, false);
        }

        var table = parts.Count switch
        {
            1 => new TableName(null, null, name),
            2 => new TableName(null, Empty(parts[0]), name),
            _ => new TableName(Empty(parts[0]), Empty(parts[1]), name),
        };
        var temporary = string.Equals(table.Schema, "pg_temp", StringComparison.OrdinalIgnoreCase)
            || _temporary.Contains(table);
        return new NameResult(NameStatus.Ok, table, first, temporary);
    }

    private static string? Empty(string? part) => string.IsNullOrEmpty(part) ? null : part;

    private NameStatus ReadPart(ref int j, List<string?> parts)
    {
        var t = Tok(j);
        switch (t.Kind)
        {
            case SqlTokenKind.QuotedIdentifier:
                j++;
                if (_rules.BigQueryPaths && t.Value.Contains('.'))
                {
                    parts.AddRange(t.Value.Split('.'));
                }
                else
                {
                    parts.Add(t.Value);
                }

                return NameStatus.Ok;
            case SqlTokenKind.TemplateExpression:
                return NameStatus.Templated;
            case SqlTokenKind.Variable:
                return NameStatus.Variable;
            case SqlTokenKind.Word when t.IsWord("IDENTIFIER") && Tok(j + 1).IsPunctuation('('):
                return ReadIdentifierFunction(ref j, parts);
            case SqlTokenKind.Word when !NotAName.Contains(t.Text):
                j++;
                parts.Add(_rules.BigQueryPaths ? JoinDashed(t, ref j) : t.Text);
                return NameStatus.Ok;
            default:
                return NameStatus.Absent;
        }
    }

    /// <summary>BigQuery project ids may be written unquoted with dashes: <c>my-project-1.ds.t</c>.</summary>
    private string JoinDashed(SqlToken word, ref int j)
    {
        var text = word.Text;
        var end = word.End;
        while (true)
        {
            var next = Tok(j);
            if (next.Offset != end || next.Text.Length == 0)
            {
                return text;
            }

            if (next.IsPunctuation('-') && Tok(j + 1).Offset == next.End && Tok(j + 1).Kind is SqlTokenKind.Word or SqlTokenKind.Number)
            {
                text += "-" + Tok(j + 1).Text;
                end = Tok(j + 1).End;
                j += 2;
            }
            else if (next.Kind is SqlTokenKind.Word or SqlTokenKind.Number)
            {
                text += next.Text;
                end = next.End;
                j++;
            }
            else
            {
                return text;
            }
        }
    }

    /// <summary>Snowflake <c>IDENTIFIER('db.schema.t')</c> names a table literally; with a variable it cannot be known here.</summary>
    private NameStatus ReadIdentifierFunction(ref int j, List<string?> parts)
    {
        var argument = Tok(j + 2);
        if (argument.Kind == SqlTokenKind.String && Tok(j + 3).IsPunctuation(')'))
        {
            j += 4;
            var parsed = TableName.Parse(argument.Value);
            if (parsed.Database is not null)
            {
                parts.Add(parsed.Database);
            }

            if (parsed.Schema is not null)
            {
                parts.Add(parsed.Schema);
            }

            parts.Add(parsed.Name);
            return NameStatus.Ok;
        }

        return argument.Kind == SqlTokenKind.TemplateExpression ? NameStatus.Templated : NameStatus.Variable;
    }
}
