using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

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

    private readonly SqlDialectRules _rules = SqlDialectRules.For(dialect);
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
            case NameStatus.Variable:
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
