using System.Collections.Immutable;

namespace DataContracts.Mapping.Sql;

/// <summary>The kinds of database object a database project's scripts define that map to a catalog table.</summary>
internal enum SqlObjectKind
{
    Table,
    View,
    Procedure,
    Function,
}

/// <summary>
/// A column as T-SQL declares it. <see cref="Type"/> is the declared type (<c>nvarchar(50)</c>) of a table or
/// table-valued function column, null for a view's column; <see cref="Expression"/> is a view column's
/// normalised projection or a computed column's expression.
/// </summary>
internal sealed record SqlColumnFacts(string Name, string? Type, bool? Nullable = null, bool Identity = false, string? Default = null, string? Expression = null);

/// <summary>A procedure or function parameter.</summary>
internal sealed record SqlParameterFacts(string Name, string Type, bool HasDefault, bool IsOutput);

/// <summary>
/// What one <c>CREATE</c>/<c>ALTER</c> statement says about an object, read with Microsoft's T-SQL parser. The
/// classifier compares two of these (the git base and the head); it reads no files itself.
/// </summary>
internal sealed record SqlObjectFacts
{
    public required SqlObjectKind Kind { get; init; }

    /// <summary>The object's name with SQLCMD variables resolved and the schema defaulted (<c>dbo</c>).</summary>
    public required TableName Name { get; init; }

    /// <summary>1-based line and column of the statement in its file.</summary>
    public int Line { get; init; } = 1;

    public int Column { get; init; } = 1;

    /// <summary>Table columns, a view's select list, a table-valued function's result columns.</summary>
    public ImmutableArray<SqlColumnFacts> Columns { get; init; } = [];

    /// <summary>Null when <see cref="Columns"/> is complete; else why it is not (<c>SELECT *</c>, an unnamed expression).</summary>
    public string? ColumnsUnknown { get; init; }

    /// <summary>Constraints without their names (<c>primary key (OrderID)</c>, <c>check (Quantity &gt; 0)</c>): renaming one changes nothing a reader sees.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    public ImmutableArray<SqlParameterFacts> Parameters { get; init; } = [];

    /// <summary>A scalar function's return type.</summary>
    public string? ReturnType { get; init; }

    /// <summary>The statement after the object's name, tokens only (no comments or whitespace), lower case outside string literals.</summary>
    public required string Body { get; init; }

    /// <summary>The statement's source text, for the clause comparison of a view.</summary>
    public required string Text { get; init; }

    public string Describe() => $"{Kind.ToString().ToLowerInvariant()} {Name}";
}
