namespace DataContracts.Mapping;

/// <summary>
/// A warehouse relation. Equality ignores case: Snowflake stores unquoted names upper-case while dbt
/// writes them lower-case, and Secoda's filters are not documented as case-insensitive.
/// </summary>
internal sealed record TableName(string? Database, string? Schema, string Name)
{
    public override string ToString() =>
        string.Join('.', new[] { Database, Schema, Name }.Where(p => !string.IsNullOrEmpty(p)));

    public bool Equals(TableName? other) =>
        other is not null
        && string.Equals(Database ?? string.Empty, other.Database ?? string.Empty, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Schema ?? string.Empty, other.Schema ?? string.Empty, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Database ?? string.Empty),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Schema ?? string.Empty),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    /// <summary>
    /// True when every part this name has equals the other's; missing parts match anything.
    /// Used where a contract names only <c>schema.table</c>.
    /// </summary>
    public bool Matches(TableName other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(Schema) || string.IsNullOrEmpty(other.Schema) || string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Database) || string.IsNullOrEmpty(other.Database) || string.Equals(Database, other.Database, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>db.schema.name</c>, <c>schema.name</c> or <c>name</c>, removing <c>"</c>, <c>`</c> and <c>[]</c> quotes.</summary>
    public static TableName Parse(string text)
    {
        var parts = SplitQualified(text);
        return parts.Count switch
        {
            1 => new TableName(null, null, parts[0]),
            2 => new TableName(null, parts[0], parts[1]),
            _ => new TableName(string.Join('.', parts.Take(parts.Count - 2)), parts[^2], parts[^1]),
        };
    }

    /// <summary>Splits on dots outside <c>"</c>, <c>`</c> and <c>[]</c> quotes; keeps empty parts so a caller can report them.</summary>
    internal static List<string> SplitQualified(string text, bool keepQuotes = false)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in text.Trim())
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                    if (keepQuotes)
                    {
                        current.Append(c);
                    }
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '`' or '[')
            {
                quote = c == '[' ? ']' : c;
                if (keepQuotes)
                {
                    current.Append(c);
                }
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}
