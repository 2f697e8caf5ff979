using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Models.Sql;

/// <summary>
/// Walks significant tokens (no comments) and reads the statements that have a target. A keyword counts only
/// at parenthesis depth 0 and in a leading position: after the start, <c>;</c>, <c>GO</c>, a template block,
/// <c>)</c> or an ordinary word (T-SQL and scripting blocks need no semicolons), but not after words such as
/// <c>OR</c>, <c>ON</c>, <c>FOR</c>, <c>AFTER</c>, <c>GRANT</c> or a comma, where the same words are clauses.
/// </summary>
internal sealed partial class SqlStatementScanner(ImmutableArray<SqlToken> tokens, SqlDialect dialect, string file)
{
    private static readonly HashSet<string> NotLeadingAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "OR", "AFTER", "BEFORE", "FOR", "OF", "ON", "INSTEAD", "GRANT", "REVOKE", "DENY", "EXPLAIN", "KEY",
        "ALL", "UNION", "INTERSECT", "EXCEPT", "MINUS", "IS", "NOT", "AND", "TO",
    };

    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "CREATE", "ALTER", "DROP", "TRUNCATE", "INSERT", "MERGE", "UPDATE", "DELETE", "REPLACE", "SELECT", "COPY",
    };

    private static readonly HashSet<string> CreateModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "TEMP", "TEMPORARY", "VOLATILE", "TRANSIENT", "GLOBAL", "LOCAL", "SECURE", "UNLOGGED", "EXTERNAL", "DYNAMIC",
        "ICEBERG", "HYBRID", "RECURSIVE", "MULTISET", "SNAPSHOT", "STREAMING", "LIVE", "FOREIGN", "MATERIALIZED",
        "FORCE", "EVENT",
    };

    private static readonly HashSet<string> SelectIntoStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "LIMIT", "OPTION",
    };

    private readonly SqlDialectRules _rules = SqlDialectRules.For(dialect);
    private readonly bool _tsql = dialect == SqlDialect.TSql;
    private readonly HashSet<TableName> _temporary = [];
    private readonly SqlToken _end = new(SqlTokenKind.StatementSeparator, string.Empty, string.Empty, int.MaxValue, 0, 0);
    private bool _inMerge;

    public List<SqlTarget> Targets { get; } = [];

    public List<Diagnostic> Diagnostics { get; } = [];

    public void Run()
    {
        var depth = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (IsStatementEnd(t))
            {
                depth = 0;
                _inMerge = false;
            }
            else if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && t.Kind == SqlTokenKind.Word && Verbs.Contains(t.Text) && IsLeading(i))
            {
                ReadStatement(i);
            }
            else if (depth == 0 && (t.IsWord("USE") || t.IsWord("SET")) && IsLeading(i))
            {
                ReadContext(i);
            }
        }
    }

    private SqlToken Tok(int index) => index >= 0 && index < tokens.Length ? tokens[index] : _end;

    private static bool IsStatementEnd(SqlToken t) =>
        t.Kind is SqlTokenKind.StatementSeparator or SqlTokenKind.BatchSeparator or SqlTokenKind.TemplateBlock;

    private bool IsLeading(int i)
    {
        if (i == 0)
        {
            return true;
        }

        var previous = tokens[i - 1];
        return previous.Kind switch
        {
            SqlTokenKind.Punctuation => previous.IsPunctuation(')'),
            SqlTokenKind.Word => !NotLeadingAfter.Contains(previous.Text),
            _ => true,
        };
    }

    private void ReadStatement(int i)
    {
        var verb = tokens[i].Text.ToUpperInvariant();
        if (_inMerge && verb is "INSERT" or "UPDATE" or "DELETE")
        {
            return;
        }

        switch (verb)
        {
            case "CREATE":
                ReadCreate(i);
                break;
            case "ALTER":
                ReadAlter(i);
                break;
            case "DROP":
                ReadDropOrTruncate(i, truncate: false);
                break;
            case "TRUNCATE":
                ReadDropOrTruncate(i, truncate: true);
                break;
            case "INSERT":
                ReadInsert(i);
                break;
            case "MERGE":
                ReadMerge(i);
                break;
            case "UPDATE":
                ReadUpdate(i);
                break;
            case "DELETE":
                ReadDelete(i);
                break;
            case "REPLACE":
                if (Tok(i + 1).IsWord("INTO"))
                {
                    var j = i + 2;
                    Add(i, ReadName(ref j), SqlStatementKind.Replace);
                }

                break;
            case "SELECT" when _rules.SelectIntoCreatesTable:
                ReadSelectInto(i);
                break;
            case "COPY":
                ReadCopy(i);
                break;
        }
    }

    private void ReadCreate(int i)
    {
        var j = i + 1;
        if (Tok(j).IsWord("OR") && (Tok(j + 1).IsWord("REPLACE") || Tok(j + 1).IsWord("ALTER")))
        {
            j += 2;
        }

        var temporary = false;
        var materialized = false;
        while (Tok(j).Kind == SqlTokenKind.Word && CreateModifiers.Contains(Tok(j).Text))
        {
            temporary |= Tok(j).IsWord("TEMP") || Tok(j).IsWord("TEMPORARY") || Tok(j).IsWord("VOLATILE");
            materialized |= Tok(j).IsWord("MATERIALIZED");
            j++;
        }

        bool isTable;
        if (Tok(j).IsWord("TABLE") && !Tok(j + 1).IsWord("FUNCTION"))
        {
            isTable = true;
        }
        else if (Tok(j).IsWord("VIEW"))
        {
            isTable = false;
        }
        else
        {
            return;
        }

        j++;
        j = SkipIfExists(j, "NOT");
        var name = ReadName(ref j);
        if (temporary && name.Table is not null)
        {
            _temporary.Add(name.Table);
            return;
        }

        var kind = !isTable
            ? materialized ? SqlStatementKind.CreateMaterializedView : SqlStatementKind.CreateView
            : IsCreateAsSelect(j) ? SqlStatementKind.CreateTableAsSelect : SqlStatementKind.CreateTable;
        Add(i, name, kind);
    }

    /// <summary>True when <c>AS SELECT</c> / <c>AS WITH</c> / <c>AS (SELECT</c> follows at this depth before the statement ends.</summary>
    private bool IsCreateAsSelect(int j)
    {
        var depth = 0;
        for (var k = j; k < tokens.Length; k++)
        {
            var t = tokens[k];
            if (IsStatementEnd(t))
            {
                return false;
            }

            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.IsWord("AS"))
            {
                var next = Tok(k + 1);
                var query = next.IsPunctuation('(') ? Tok(k + 2) : next;
                if (query.IsWord("SELECT") || query.IsWord("WITH"))
                {
                    return true;
                }
            }
            else if (depth == 0 && t.Kind == SqlTokenKind.Word && Verbs.Contains(t.Text) && IsLeading(k))
            {
                return false;
            }
        }

        return false;
    }

    private void ReadAlter(int i)
    {
        var j = i + 1;
        while (Tok(j).IsWord("MATERIALIZED") || Tok(j).IsWord("EXTERNAL") || Tok(j).IsWord("DYNAMIC")
            || Tok(j).IsWord("ICEBERG") || Tok(j).IsWord("FOREIGN") || Tok(j).IsWord("HYBRID"))
        {
            j++;
        }

        SqlStatementKind kind;
        if (Tok(j).IsWord("TABLE"))
        {
            kind = SqlStatementKind.AlterTable;
        }
        else if (Tok(j).IsWord("VIEW"))
        {
            kind = SqlStatementKind.AlterView;
        }
        else
        {
            return;
        }

        j = SkipIfExists(j + 1, null);
        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        Add(i, ReadName(ref j), kind);
        if (Tok(j).IsWord("SWAP") && Tok(j + 1).IsWord("WITH"))
        {
            // Snowflake: both tables change content.
            j += 2;
            Add(i, ReadName(ref j), kind);
        }
    }

    private void ReadDropOrTruncate(int i, bool truncate)
    {
        var j = i + 1;
        var temporary = false;
        while (!truncate && (Tok(j).IsWord("TEMPORARY") || Tok(j).IsWord("TEMP") || Tok(j).IsWord("EXTERNAL")
            || Tok(j).IsWord("MATERIALIZED") || Tok(j).IsWord("DYNAMIC") || Tok(j).IsWord("ICEBERG")
            || Tok(j).IsWord("FOREIGN") || Tok(j).IsWord("HYBRID")))
        {
            temporary |= Tok(j).IsWord("TEMPORARY") || Tok(j).IsWord("TEMP");
            j++;
        }

        SqlStatementKind kind;
        if (Tok(j).IsWord("TABLE"))
        {
            kind = truncate ? SqlStatementKind.Truncate : SqlStatementKind.DropTable;
            j++;
        }
        else if (!truncate && Tok(j).IsWord("VIEW"))
        {
            kind = SqlStatementKind.DropView;
            j++;
        }
        else if (truncate)
        {
            kind = SqlStatementKind.Truncate;
        }
        else
        {
            return;
        }

        j = SkipIfExists(j, null);
        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        while (true)
        {
            var name = ReadName(ref j);
            if (!temporary)
            {
                Add(i, name, kind);
            }

            if (name.Status != NameStatus.Ok || !Tok(j).IsPunctuation(','))
            {
                return;
            }

            j++;
        }
    }

    private void ReadInsert(int i)
    {
        var j = SkipTop(i + 1);
        if (Tok(j).IsWord("OVERWRITE"))
        {
            j++;
        }

        if (Tok(j).IsWord("ALL") || Tok(j).IsWord("FIRST"))
        {
            ReadMultiTableInsert(i, j + 1);
            return;
        }

        if (Tok(j).IsWord("INTO"))
        {
            j++;
        }

        if (Tok(j).IsWord("TABLE"))
        {
            j++;
        }

        if (Tok(j).IsWord("DIRECTORY") || Tok(j).IsWord("LOCAL"))
        {
            return;
        }

        Add(i, ReadName(ref j), SqlStatementKind.Insert);
    }

    /// <summary>Snowflake <c>INSERT ALL|FIRST … INTO t1 … INTO t2 … SELECT</c>.</summary>
    private void ReadMultiTableInsert(int i, int j)
    {
        var depth = 0;
        for (var k = j; k < tokens.Length && !IsStatementEnd(tokens[k]); k++)
        {
            var t = tokens[k];
            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.IsWord("INTO"))
            {
                var n = k + 1;
                Add(i, ReadName(ref n), SqlStatementKind.Insert);
            }
            else if (depth == 0 && t.IsWord("SELECT"))
            {
                return;
            }
        }
    }

    private void ReadMerge(int i)
    {
        var j = SkipTop(i + 1);
        if (Tok(j).IsWord("INTO"))
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status != NameStatus.Absent)
        {
            _inMerge = true;
        }

        Add(i, name, SqlStatementKind.Merge);
    }

    private void ReadUpdate(int i)
    {
        var j = SkipTop(i + 1);
        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status == NameStatus.Ok)
        {
            // A real UPDATE reaches SET after an optional alias and table hints; "ON UPDATE x" and friends do not.
            var k = j;
            if (Tok(k).IsPunctuation('*'))
            {
                k++;
            }

            if (Tok(k).IsWord("AS"))
            {
                k++;
            }

            if (Tok(k).Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && !Tok(k).IsWord("SET") && !Tok(k).IsWord("WITH"))
            {
                k++;
            }

            if (Tok(k).IsWord("WITH") && Tok(k + 1).IsPunctuation('('))
            {
                k = SkipParentheses(k + 1);
            }

            if (!Tok(k).IsWord("SET"))
            {
                return;
            }

            name = ResolveAlias(name, i);
        }

        Add(i, name, SqlStatementKind.Update);
    }

    private void ReadDelete(int i)
    {
        var j = SkipTop(i + 1);
        if (Tok(j).IsWord("FROM"))
        {
            j++;
        }

        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status == NameStatus.Ok && _tsql && Tok(j).IsWord("FROM"))
        {
            name = ResolveAlias(name, i);
        }

        Add(i, name, SqlStatementKind.Delete);
    }

    private void ReadSelectInto(int i)
    {
        var depth = 0;
        for (var k = i + 1; k < tokens.Length; k++)
        {
            var t = tokens[k];
            if (IsStatementEnd(t))
            {
                return;
            }

            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.Kind == SqlTokenKind.Word)
            {
                if (SelectIntoStops.Contains(t.Text) || (Verbs.Contains(t.Text) && IsLeading(k)))
                {
                    return;
                }

                if (t.IsWord("INTO"))
                {
                    var j = k + 1;
                    var temporary = false;
                    while (Tok(j).IsWord("TEMP") || Tok(j).IsWord("TEMPORARY") || Tok(j).IsWord("UNLOGGED") || Tok(j).IsWord("TABLE"))
                    {
                        temporary |= Tok(j).IsWord("TEMP") || Tok(j).IsWord("TEMPORARY");
                        j++;
                    }

                    var name = ReadName(ref j);
                    if (temporary && name.Table is not null)
                    {
                        _temporary.Add(name.Table);
                    }
                    else if (name.Status != NameStatus.Variable)
                    {
                        Add(i, name, SqlStatementKind.SelectInto);
                    }

                    return;
                }
            }
        }
    }

    private void ReadCopy(int i)
    {
        var j = i + 1;
        var into = Tok(j).IsWord("INTO");
        if (into)
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status == NameStatus.Ok && !into)
        {
            // PostgreSQL/Redshift COPY t [(cols)] FROM loads t; COPY t TO exports it.
            var k = Tok(j).IsPunctuation('(') ? SkipParentheses(j) : j;
            if (!Tok(k).IsWord("FROM"))
            {
                return;
            }
        }

        Add(i, name, SqlStatementKind.Copy);
    }

    /// <summary>T-SQL <c>UPDATE a … FROM dbo.t AS a</c>: the written name is an alias of a table in the FROM clause.</summary>
    private NameResult ResolveAlias(NameResult name, int statementStart)
    {
        if (!_tsql || name.Table is not { Schema: null, Database: null } alias)
        {
            return name;
        }

        for (var k = statementStart + 1; k < tokens.Length && !IsStatementEnd(tokens[k]); k++)
        {
            if (!tokens[k].IsWord("FROM") && !tokens[k].IsWord("JOIN"))
            {
                continue;
            }

            var j = k + 1;
            var candidate = ReadName(ref j);
            if (Tok(j).IsWord("AS"))
            {
                j++;
            }

            if (candidate.Status == NameStatus.Ok
                && Tok(j).Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
                && string.Equals(Tok(j).Value, alias.Name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return name;
    }

    private int SkipIfExists(int j, string? not)
    {
        if (!Tok(j).IsWord("IF"))
        {
            return j;
        }

        var k = j + 1;
        if (not is not null)
        {
            if (!Tok(k).IsWord(not))
            {
                return j;
            }

            k++;
        }

        return Tok(k).IsWord("EXISTS") ? k + 1 : j;
    }

    /// <summary>T-SQL <c>TOP (n) [PERCENT]</c> after INSERT/UPDATE/DELETE/MERGE.</summary>
    private int SkipTop(int j)
    {
        if (!_tsql || !Tok(j).IsWord("TOP"))
        {
            return j;
        }

        j = Tok(j + 1).IsPunctuation('(') ? SkipParentheses(j + 1) : j + 2;
        return Tok(j).IsWord("PERCENT") ? j + 1 : j;
    }

    /// <summary>From an opening parenthesis, the index just after its match (or the statement end).</summary>
    private int SkipParentheses(int open)
    {
        var depth = 0;
        for (var k = open; k < tokens.Length; k++)
        {
            if (IsStatementEnd(tokens[k]))
            {
                return k;
            }

            if (tokens[k].IsPunctuation('('))
            {
                depth++;
            }
            else if (tokens[k].IsPunctuation(')') && --depth == 0)
            {
                return k + 1;
            }
        }

        return tokens.Length;
    }

    private void Add(int verbIndex, NameResult name, SqlStatementKind kind)
    {
        var verb = tokens[verbIndex];
        switch (name.Status)
        {
            case NameStatus.Ok when !name.Temporary:
                Targets.Add(new SqlTarget(InContext(name.Table!), kind, verb.Line, verb.Column));
                break;
            case NameStatus.Templated:
                Warn(name.Token, kind, $"its name is built by a template ({Shorten(name.Token.Text)})");
                break;
            case NameStatus.Variable when !_tsql:
                Warn(name.Token, kind, $"its name comes from a variable ({Shorten(name.Token.Text)})");
                break;
            case NameStatus.TooManyParts:
                Warn(name.Token, kind, $"its name has more than {_rules.MaxNameParts} parts");
                break;
        }
    }

    private void Warn(SqlToken at, SqlStatementKind kind, string why) =>
        Diagnostics.Add(DiagnosticCodes.SqlTargetUnresolved.Create(
            $"The {kind.ToSqlText()} statement in {file} is not mapped: {why}.",
            new SourceLocation(file, at.Line, at.Column),
            "Write the table name literally, or name the table in the contract with 'table:'."));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
