using DataContracts.Contracts;
using DataContracts.Mapping.Sql;

namespace DataContracts.Classification;

/// <summary>
/// Which clauses of a model's SQL changed, ignoring formatting and comments: what tells a reviewer that rows or
/// values may change although the columns stay (Recce's classifier looks at the same clauses).
/// </summary>
internal static class ClauseDiff
{
    private static readonly string[] Clauses =
    [
        "select", "from", "join", "on", "where", "group", "having", "qualify", "order", "limit", "union", "distinct", "with",
    ];

    /// <summary>Null when the code is the same apart from formatting and comments; else the changed clauses (possibly empty when the change cannot be placed).</summary>
    public static IReadOnlyList<string>? Changed(string before, string after, SqlDialect dialect)
    {
        var a = SelectList.Significant(before, dialect);
        var b = SelectList.Significant(after, dialect);
        if (SelectList.Normalize(a) == SelectList.Normalize(b))
        {
            return null;
        }

        var sa = Segments(a);
        var sb = Segments(b);
        var changed = new List<string>();
        foreach (var clause in Clauses)
        {
            var x = sa.Where(s => s.Clause == clause).Select(s => s.Text);
            var y = sb.Where(s => s.Clause == clause).Select(s => s.Text);
            if (!x.SequenceEqual(y, StringComparer.Ordinal))
            {
                changed.Add(clause switch
                {
                    "group" => "group by",
                    "order" => "order by",
                    "select" => "select expressions",
                    "with" => "CTEs",
                    _ => clause,
                });
            }
        }

        // Text before the first clause (Jinja config, set statements) changed only: say so rather than name nothing.
        if (changed.Count == 0)
        {
            changed.Add("template or preamble");
        }

        return changed;
    }

    /// <summary>
    /// The token stream cut at every clause keyword, at any depth (CTEs and subqueries count too). A segment also
    /// ends at the parenthesis that closes the CTE or subquery it is in, so a clause added after it (a new
    /// <c>where</c> before the CTE's end) does not make the clause before it look changed.
    /// </summary>
    private static List<(string Clause, string Text)> Segments(List<SqlToken> tokens)
    {
        var segments = new List<(string, string)>();
        string? clause = null;
        var start = 0;
        var depth = 0;
        var segmentDepth = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var closes = i < tokens.Count && tokens[i].IsPunctuation(')') && depth - 1 < segmentDepth;
            if (i < tokens.Count && tokens[i].IsPunctuation('('))
            {
                depth++;
            }
            else if (i < tokens.Count && tokens[i].IsPunctuation(')'))
            {
                depth--;
            }

            var next = i < tokens.Count && tokens[i].Kind == SqlTokenKind.Word ? Array.Find(Clauses, c => tokens[i].IsWord(c)) : null;
            if (i < tokens.Count && next is null && !closes)
            {
                continue;
            }

            if (clause is not null)
            {
                segments.Add((clause, SelectList.Normalize(tokens.GetRange(start, i - start))));
            }

            clause = next;
            start = i;
            segmentDepth = depth;
        }

        return segments;
    }
}
