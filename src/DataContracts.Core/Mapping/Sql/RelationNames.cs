using System.Text;
using DataContracts.Contracts;
using DataContracts.Mapping;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Rewrites the relation names in compiled SQL through the deferral mapping (the relation this change's
/// manifest was compiled to → the production relation of the same node), so that SQL compiled into a CI
/// schema compares equal to production's where only the environment differs. A name is rewritten only when
/// all of its database, schema and name parts (or schema and name, when the SQL writes two) are a head
/// relation; each part keeps its quoting.
/// </summary>
internal sealed class RelationNames
{
    private readonly Dictionary<string, TableName> _full = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TableName?> _schemaAndName = new(StringComparer.OrdinalIgnoreCase);

    public RelationNames(IEnumerable<KeyValuePair<TableName, TableName>> headToProduction)
    {
        ArgumentNullException.ThrowIfNull(headToProduction);
        foreach (var (head, production) in headToProduction)
        {
            if (head.Equals(production))
            {
                continue;
            }

            _full[Key(head.Database, head.Schema, head.Name)] = production;
            var two = Key(head.Schema, head.Name);

            // Two head relations with the same schema and name in different databases: a two-part name is ambiguous.
            _schemaAndName[two] = _schemaAndName.TryGetValue(two, out var seen) && seen is not null && !seen.Equals(production) ? null : production;
        }
    }

    public static readonly RelationNames None = new([]);

    public bool IsEmpty => _full.Count == 0;

    /// <summary>The SQL with every head relation named as production names it; the text itself when nothing matched.</summary>
    public string Rewrite(string sql, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (IsEmpty)
        {
            return sql;
        }

        var tokens = SqlTokenizer.Tokenize(sql, dialect);
        var edits = new List<(int Start, int End, string Text)>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!IsNamePart(tokens[i]) || (i > 0 && tokens[i - 1].IsPunctuation('.')))
            {
                continue;
            }

            var parts = new List<SqlToken> { tokens[i] };
            var j = i + 1;
            while (j + 1 < tokens.Length && tokens[j].IsPunctuation('.') && tokens[j].Offset == tokens[j - 1].End && IsNamePart(tokens[j + 1]))
            {
                parts.Add(tokens[j + 1]);
                j += 2;
            }

            if (Replacement(parts) is { } text)
            {
                edits.Add((parts[0].Offset, parts[^1].End, text));
            }

            i = j - 1;
        }

        if (edits.Count == 0)
        {
            return sql;
        }

        var result = new StringBuilder(sql.Length);
        var at = 0;
        foreach (var (start, end, text) in edits)
        {
            result.Append(sql, at, start - at).Append(text);
            at = end;
        }

        return result.Append(sql, at, sql.Length - at).ToString();
    }

    private static bool IsNamePart(SqlToken token) => token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The production name for a dotted name of two or three parts (or one quoted part holding a dotted path), or null.</summary>
    private string? Replacement(List<SqlToken> parts)
    {
        if (parts.Count == 1 && parts[0].Kind == SqlTokenKind.QuotedIdentifier && parts[0].Value.Contains('.', StringComparison.Ordinal))
        {
            // BigQuery's `project.dataset.table` in one pair of backticks.
            var path = parts[0].Value.Split('.');
            var production = Lookup(path) is { } table ? Parts(table, path.Length) : null;
            return production is null ? null : Quote(parts[0], string.Join('.', production));
        }

        if (parts.Count is not (2 or 3))
        {
            return null;
        }

        var found = Lookup([.. parts.Select(p => p.Value)]);
        if (found is null)
        {
            return null;
        }

        var names = Parts(found, parts.Count);
        return names is null ? null : string.Join('.', parts.Select((p, k) => p.Kind == SqlTokenKind.QuotedIdentifier ? Quote(p, names[k]) : names[k]));
    }

    private TableName? Lookup(string[] path) => path.Length switch
    {
        3 => _full.GetValueOrDefault(Key(path[0], path[1], path[2])),
        2 => _schemaAndName.GetValueOrDefault(Key(path[0], path[1])),
        _ => null,
    };

    /// <summary>The last <paramref name="count"/> parts of the production name, or null when it has fewer.</summary>
    private static string[]? Parts(TableName production, int count)
    {
        string?[] all = [production.Database, production.Schema, production.Name];
        var tail = all[^count..];
        return tail.Any(string.IsNullOrEmpty) ? null : [.. tail.Select(p => p!)];
    }

    /// <summary>A part in the same quotes as the token it replaces, doubling a closing quote inside.</summary>
    private static string Quote(SqlToken original, string value)
    {
        var open = original.Text[0];
        var close = original.Text[^1];
        return open + value.Replace(close.ToString(), new string(close, 2), StringComparison.Ordinal) + close;
    }

    private static string Key(params string?[] parts) => string.Join('\u001f', parts.Select(p => p ?? string.Empty));
}
