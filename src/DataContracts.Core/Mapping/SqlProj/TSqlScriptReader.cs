using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataContracts.Mapping.SqlProj;

/// <summary>What one T-SQL file defines, and the problems found reading it.</summary>
internal sealed record TSqlScriptFacts(ImmutableArray<SqlObjectFacts> Objects, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a T-SQL file with Microsoft's parser (ScriptDom): the tables, views, procedures and functions it creates
/// or alters, with their columns, types, constraints and parameters. SQLCMD variables in names are resolved;
/// one without a value is DC5105 at its place, a syntax error DC5106.
/// </summary>
internal static partial class TSqlScriptReader
{
    /// <summary>Reads <paramref name="text"/>; <paramref name="severity"/> is that of its problems (a base revision's are warnings: it is history).</summary>
    public static TSqlScriptFacts Read(string text, string file, int? sqlServerVersion, SqlCmdVariables variables, string? defaultDatabase, Severity severity = Severity.Error, string? defaultSchema = "dbo")
    {
        // Unbracketed $(Name) is SQLCMD's substitution, which the parser does not know: write it as the quoted
        // name [$Name] of the same length, so every line and column stays where the user sees it.
        var substituted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prepared = BareVariable().Replace(text, m =>
        {
            substituted.Add(m.Groups[1].Value);
            return $"[${m.Groups[1].Value}]";
        });

        var parser = Parser(sqlServerVersion);
        using var reader = new StringReader(prepared);
        var fragment = parser.Parse(reader, out var errors);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var error in errors.Take(20))
        {
            diagnostics.Add(DiagnosticCodes.TSqlSyntaxError.Create(severity,
                $"{file}: {error.Message} (SQL{error.Number})",
                new SourceLocation(file, error.Line, error.Column),
                "Fix the statement; the database project would not build with it either. The file's objects are not checked until it parses."));
        }

        if (errors.Count > 0 || fragment is not TSqlScript script)
        {
            return new TSqlScriptFacts([], diagnostics.ToImmutable());
        }

        var context = new NameContext(file, variables, substituted, defaultDatabase, defaultSchema, severity, diagnostics);
        var objects = new List<SqlObjectFacts>();
        foreach (var statement in script.Batches.SelectMany(b => b.Statements))
        {
            if (Read(statement, context) is { } facts)
            {
                Merge(objects, facts);
            }
        }

        return new TSqlScriptFacts([.. objects], diagnostics.ToImmutable());
    }

    /// <summary>The parser of the project's target platform (<c>DSP</c>); the newest when none is named.</summary>
    private static TSqlParser Parser(int? version) => version switch
    {
        <= 100 => new TSql100Parser(true),
        110 => new TSql110Parser(true),
        120 => new TSql120Parser(true),
        130 => new TSql130Parser(true),
        140 => new TSql140Parser(true),
        150 => new TSql150Parser(true),
        160 => new TSql160Parser(true),
        170 => new TSql170Parser(true),
        _ => new TSql180Parser(true),
    };

    private static SqlObjectFacts? Read(TSqlStatement statement, NameContext context) => statement switch
    {
        CreateTableStatement create => Table(create, create.SchemaObjectName, create.Definition, context),
        AlterTableAddTableElementStatement alter => Table(alter, alter.SchemaObjectName, alter.Definition, context) with { ColumnsUnknown = "ALTER TABLE adds to a table defined elsewhere" },
        ViewStatementBody view => View(view, context),
        ProcedureStatementBody procedure => Routine(procedure, SqlObjectKind.Procedure, procedure.ProcedureReference.Name, procedure.Parameters, context),
        FunctionStatementBody function => Function(function, context),
        _ => null,
    };

    /// <summary>An <c>ALTER TABLE … ADD</c> of a table this file creates adds to that table's facts.</summary>
    private static void Merge(List<SqlObjectFacts> objects, SqlObjectFacts facts)
    {
        var index = objects.FindIndex(o => o.Kind == facts.Kind && o.Name.Equals(facts.Name));
        if (index < 0)
        {
            objects.Add(facts);
            return;
        }

        var first = objects[index];
        objects[index] = first with
        {
            Columns = [.. first.Columns, .. facts.Columns.Where(c => !first.Columns.Any(f => string.Equals(f.Name, c.Name, StringComparison.OrdinalIgnoreCase)))],
            Constraints = [.. first.Constraints.Union(facts.Constraints, StringComparer.Ordinal)],
            Body = $"{first.Body} ; {facts.Body}",
            Text = $"{first.Text}\n{facts.Text}",
            ColumnsUnknown = facts.Kind == SqlObjectKind.Table ? first.ColumnsUnknown : first.ColumnsUnknown ?? facts.ColumnsUnknown,
        };
    }

    private static SqlObjectFacts Table(TSqlStatement statement, SchemaObjectName name, TableDefinition? definition, NameContext context)
    {
        var columns = new List<SqlColumnFacts>();
        var constraints = new List<string>();
        foreach (var column in definition?.ColumnDefinitions ?? [])
        {
            var columnName = column.ColumnIdentifier.Value;
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().LastOrDefault()?.Nullable;
            columns.Add(new SqlColumnFacts(
                columnName,
                column.DataType is null ? "computed" : TSqlText.Type(column.DataType),
                // A primary key column is NOT NULL whatever is written.
                column.Constraints.OfType<UniqueConstraintDefinition>().Any(u => u.IsPrimaryKey) ? false : nullable,
                column.IdentityOptions is not null,
                column.DefaultConstraint is { } d ? TSqlText.Tokens(d.Expression) : null,
                column.ComputedColumnExpression is { } computed ? TSqlText.Tokens(computed) : null));
            constraints.AddRange(column.Constraints.Where(c => c is not NullableConstraintDefinition).Select(c => $"{columnName.ToLowerInvariant()}: {Constraint(c)}"));
        }

        constraints.AddRange((definition?.TableConstraints ?? []).Select(Constraint));
        var facts = Facts(statement, SqlObjectKind.Table, name, context);
        return facts with { Columns = [.. columns], Constraints = [.. constraints] };
    }

    /// <summary>A constraint's text without its name: <c>primary key clustered ( orderid asc )</c>.</summary>
    private static string Constraint(ConstraintDefinition constraint) =>
        constraint.ConstraintIdentifier is { } identifier
            ? TSqlText.Tokens(constraint, identifier.LastTokenIndex + 1)
            : TSqlText.Tokens(constraint);

    private static SqlObjectFacts View(ViewStatementBody view, NameContext context)
    {
        var (columns, unknown) = SelectColumns(view.SelectStatement?.QueryExpression);
        if (view.Columns is { Count: > 0 } names)
        {
            // An explicit column list names the columns by position; the select list gives their expressions.
            columns = [.. names.Select((n, i) => new SqlColumnFacts(n.Value, null, Expression: i < columns.Length ? columns[i].Expression : null))];
            unknown = null;
        }

        return Facts(view, SqlObjectKind.View, view.SchemaObjectName, context) with { Columns = columns, ColumnsUnknown = unknown };
    }

    private static SqlObjectFacts Function(FunctionStatementBody function, NameContext context)
    {
        var facts = Routine(function, SqlObjectKind.Function, function.Name, function.Parameters, context);
        return function.ReturnType switch
        {
            ScalarFunctionReturnType scalar => facts with { ReturnType = TSqlText.Type(scalar.DataType) },
            SelectFunctionReturnType select when SelectColumns(select.SelectStatement?.QueryExpression) is var (columns, unknown) => facts with { Columns = columns, ColumnsUnknown = unknown },
            TableValuedFunctionReturnType table => facts with
            {
                Columns = [.. table.DeclareTableVariableBody.Definition.ColumnDefinitions.Select(c => new SqlColumnFacts(c.ColumnIdentifier.Value, c.DataType is null ? "computed" : TSqlText.Type(c.DataType)))],
            },
            _ => facts with { ColumnsUnknown = "the function's result is not a table the parser describes" },
        };
    }

    private static SqlObjectFacts Routine(TSqlStatement statement, SqlObjectKind kind, SchemaObjectName name, IList<ProcedureParameter> parameters, NameContext context) =>
        Facts(statement, kind, name, context) with
        {
            Parameters = [.. parameters.Select(p => new SqlParameterFacts(p.VariableName.Value, TSqlText.Type(p.DataType), p.Value is not null, p.Modifier == ParameterModifier.Output))],
        };

    private static SqlObjectFacts Facts(TSqlStatement statement, SqlObjectKind kind, SchemaObjectName name, NameContext context) => new()
    {
        Kind = kind,
        Name = context.Resolve(name),
        Line = statement.StartLine,
        Column = statement.StartColumn,
        Body = TSqlText.Tokens(statement, name.LastTokenIndex + 1),
        Text = TSqlText.Source(statement),
    };

    /// <summary>
    /// The result columns of a query: the first branch of a UNION names them. <c>SELECT *</c> or an expression
    /// without a name leaves them unknown, with the reason.
    /// </summary>
    private static (ImmutableArray<SqlColumnFacts> Columns, string? Unknown) SelectColumns(QueryExpression? query)
    {
        while (query is BinaryQueryExpression or QueryParenthesisExpression)
        {
            query = query is BinaryQueryExpression binary ? binary.FirstQueryExpression : ((QueryParenthesisExpression)query).QueryExpression;
        }

        if (query is not QuerySpecification specification)
        {
            return ([], "the select list could not be read");
        }

        var columns = ImmutableArray.CreateBuilder<SqlColumnFacts>();
        string? unknown = null;
        foreach (var element in specification.SelectElements)
        {
            switch (element)
            {
                case SelectScalarExpression scalar:
                    var name = scalar.ColumnName?.Value ?? (scalar.Expression as ColumnReferenceExpression)?.MultiPartIdentifier?.Identifiers.LastOrDefault()?.Value;
                    if (name is null)
                    {
                        unknown ??= $"the select list has an expression without a name ({Shorten(TSqlText.Tokens(scalar))})";
                        continue;
                    }

                    columns.Add(new SqlColumnFacts(name, null, Expression: TSqlText.Tokens(scalar.Expression)));
                    break;
                case SelectStarExpression star:
                    unknown ??= $"the select list has {TSqlText.Tokens(star)}: its columns are those of the tables it reads";
                    break;
            }
        }

        return (columns.ToImmutable(), unknown);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    [GeneratedRegex(@"(?<!\[)\$\(([A-Za-z_][A-Za-z0-9_-]*)\)")]
    private static partial Regex BareVariable();

    /// <summary>Resolves names: SQLCMD variables, the default schema <c>dbo</c>, the project's database.</summary>
    private sealed partial class NameContext(string file, SqlCmdVariables variables, HashSet<string> substituted, string? defaultDatabase, string? defaultSchema, Severity severity, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        public TableName Resolve(SchemaObjectName name) => new(
            Part(name.DatabaseIdentifier) ?? defaultDatabase,
            Part(name.SchemaIdentifier) ?? defaultSchema,
            Part(name.BaseIdentifier) ?? string.Empty);

        private string? Part(Identifier? identifier)
        {
            if (identifier is null)
            {
                return null;
            }

            var match = Variable().Match(identifier.Value);
            var variable = match.Success ? match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value : null;
            if (variable is null || (!match.Groups[1].Success && !substituted.Contains(variable)))
            {
                return identifier.Value;
            }

            if (variables.Resolve(variable) is { } value)
            {
                return value;
            }

            var declared = variables.Declared.Contains(variable);
            diagnostics.Add(DiagnosticCodes.SqlCmdVariableUnresolved.Create(severity,
                declared
                    ? $"SQLCMD variable $({variable}) in {file} has no value: the project declares it without a default, and neither --sqlcmd-var nor sqlproj.variables sets it."
                    : $"SQLCMD variable $({variable}) in {file} is not declared by the project and has no value.",
                new SourceLocation(file, identifier.StartLine, identifier.StartColumn),
                declared
                    ? $"Pass --sqlcmd-var {variable}=VALUE, set sqlproj.variables.{variable} in the contract file, or give it a DefaultValue in the project."
                    : $"Declare it in the project (<SqlCmdVariable Include=\"{variable}\">) or pass --sqlcmd-var {variable}=VALUE; check its spelling."));
            return identifier.Value;
        }

        [GeneratedRegex(@"^(?:\$\(([A-Za-z_][A-Za-z0-9_-]*)\)|\$([A-Za-z_][A-Za-z0-9_-]*))$")]
        private static partial Regex Variable();
    }
}
