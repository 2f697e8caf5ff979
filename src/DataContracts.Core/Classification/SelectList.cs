using System.Collections.Immutable;
using System.Text;
using DataContracts.Contracts;
using DataContracts.Mapping;
using DataContracts.Mapping.Sql;

namespace DataContracts.Classification;

/// <summary>
/// Reads what a model's SQL returns: the final select list (column names and the normalised text of each
/// projection) through the SQL tokenizer. It reads only what it can be sure of: a <c>*</c>, a projection
/// without a name, or Jinja in place of a column makes the list unreadable (null), never a guess.
/// </summary>
internal static class SelectList
{
    private static readonly HashSet<string> SetOperators = new(StringComparer.OrdinalIgnoreCase) { "union", "intersect", "except", "minus" };

    // Words that end an expression or join two; never a column name when they come last.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "case", "when", "then", "else", "end", "and", "or", "not", "is", "null", "distinct", "as", "true", "false", "in", "like", "between",
    };

    private static readonly HashSet<string> ListEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "where", "group", "having", "qualify", "order", "limit", "window", "into", "union", "intersect", "except", "minus",
    };

    /// <summary>The columns of the final select, or null when they cannot be read for sure.</summary>
    public static ColumnSet? Read(string? sql, SqlDialect dialect)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return null;
        }

        var tokens = Significant(sql, dialect);
        var start = FinalSelect(tokens);
        if (start < 0)
        {
            return null;
        }

        var items = Projections(tokens, start + 1);
        if (items is null || items.Count == 0)
        {
            return null;
        }

        var columns = ImmutableArray.CreateBuilder<ColumnFact>();
        var expressions = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var name = NameOf(item);
            if (name is null || expressions.ContainsKey(name))
            {
                return null;
            }

            columns.Add(new ColumnFact(name, null));
            expressions[name] = Normalize(item);
        }

        return new ColumnSet { Source = Evidence.Sql, Columns = columns.ToImmutable(), Expressions = expressions.ToImmutable() };
    }

    /// <summary>Tokens without comments: what the warehouse reads.</summary>
    internal static List<SqlToken> Significant(string sql, SqlDialect dialect) =>
        [.. SqlTokenizer.Tokenize(sql, dialect).Where(t => t.Kind != SqlTokenKind.Comment)];

    /// <summary>One text per token, case-folded where SQL ignores case, so formatting and comments do not count as change.</summary>
    internal static string Normalize(IEnumerable<SqlToken> tokens) =>
        string.Join(' ', tokens.Select(t => t.Kind == SqlTokenKind.Word ? t.Text.ToLowerInvariant() : t.Text));

    /// <summary>The first select at depth 0 after the CTEs: the columns of a union come from its first branch.</summary>
    private static int FinalSelect(List<SqlToken> tokens)
    {
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.IsWord("select"))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The projections of the select list starting at <paramref name="from"/>, or null when one is Jinja or empty.</summary>
    internal static List<List<SqlToken>>? Projections(List<SqlToken> tokens, int from)
    {
        var i = from;
        while (i < tokens.Count && (tokens[i].IsWord("distinct") || tokens[i].IsWord("all")))
        {
            if (tokens[i].IsWord("distinct") && i + 1 < tokens.Count && tokens[i + 1].IsWord("on"))
            {
                return null; // DISTINCT ON (...): Postgres-only shape, not worth guessing
            }

            i++;
        }

        if (i < tokens.Count && tokens[i].IsWord("top"))
        {
            return null;
        }

        var items = new List<List<SqlToken>>();
        var current = new List<SqlToken>();
        var depth = 0;
        for (; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (depth == 0 && (t.Kind is SqlTokenKind.StatementSeparator or SqlTokenKind.BatchSeparator || (t.Kind == SqlTokenKind.Word && ListEnd.Contains(t.Text))))
            {
                break;
            }

            if (depth == 0 && t.IsPunctuation(')'))
            {
                break; // the end of a CTE or subquery whose select list runs to its closing parenthesis
            }

            if (t.IsPunctuation('(') || t.IsPunctuation('['))
            {
                depth++;
            }
            else if (t.IsPunctuation(')') || t.IsPunctuation(']'))
            {
                depth--;
            }

            if (depth == 0 && t.IsPunctuation(','))
            {
                items.Add(current);
                current = [];
                continue;
            }

            if (t.Kind is SqlTokenKind.TemplateBlock or SqlTokenKind.Unknown || t.Unterminated)
            {
                return null; // {% if %} inside the select list: the columns depend on variables
            }

            current.Add(t);
        }

        items.Add(current);
        return items.Any(x => x.Count == 0) ? null : items;
    }

    /// <summary>The output name of one projection, or null for <c>*</c>, an unnamed expression or a Jinja column.</summary>
    internal static string? NameOf(List<SqlToken> item)
    {
        var last = item[^1];
        if (last.IsPunctuation('*') || last.Kind == SqlTokenKind.TemplateExpression || (last.Kind == SqlTokenKind.Word && Reserved.Contains(last.Text)))
        {
            return null;
        }

        if (last.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.String))
        {
            return null;
        }

        var name = last.Value;
        if (item.Count == 1)
        {
            return last.Kind == SqlTokenKind.String ? null : name;
        }

        var before = item[^2];
        if (before.IsWord("as") || before.IsPunctuation('.'))
        {
            return name;
        }

        // An alias without AS follows an identifier, a literal or a closing parenthesis; `a + b` and `x::int` do not end in one.
        var aliasWithoutAs = before.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.TemplateExpression
            || before.IsPunctuation(')');
        var keyword = before.Kind == SqlTokenKind.Word && Reserved.Contains(before.Text) && !before.IsWord("end");
        return aliasWithoutAs && !keyword && last.Kind != SqlTokenKind.String ? name : null;
    }

    internal static string Normalize(List<SqlToken> item)
    {
        var text = new StringBuilder();
        foreach (var t in item)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(t.Kind == SqlTokenKind.Word ? t.Text.ToLowerInvariant() : t.Text);
        }

        return text.ToString();
    }
}
