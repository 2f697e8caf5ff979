using System.Collections.Immutable;
using DataContracts.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataContracts.Mapping.Sql;

/// <summary>What one T-SQL file defines, and the problems found reading it.</summary>
internal sealed record TSqlScriptFacts(ImmutableArray<SqlObjectFacts> Objects, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<TSqlTarget> Targets)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a T-SQL file with Microsoft's parser (ScriptDom): the tables, views, procedures and functions it creates
/// or alters, with their columns, types, constraints and parameters, and every table a statement writes
/// (<see cref="TSqlWrites"/>). SQLCMD variables in names are resolved; one without a value is reported at its
/// place (DC5105 in a database project, DC5006 in a <c>sql:</c> file), a syntax error is DC5106.
/// </summary>
internal static class TSqlScriptReader
{
    /// <summary>Reads <paramref name="text"/> as <paramref name="options"/> say (a base revision's problems are warnings: it is history).</summary>
    public static TSqlScriptFacts Read(string text, TSqlReadOptions options)
    {
        var script = TSqlScriptText.Prepare(text, options.SqlCmdScript);
        var parser = Parser(options.SqlServerVersion);
        using var reader = new StringReader(script.Text);
        var fragment = parser.Parse(reader, out var errors);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var error in errors.Take(20))
        {
            diagnostics.Add(DiagnosticCodes.TSqlSyntaxError.Create(options.Severity,
                $"{options.File}: {error.Message} (SQL{error.Number})",
                new SourceLocation(options.File, error.Line, error.Column),
                "Fix the statement: SQL Server would refuse it too (a database project would not build). The file's objects are not checked until it parses."));
        }

        if (errors.Count > 0 || fragment is not TSqlScript parsed)
        {
            return new TSqlScriptFacts([], diagnostics.ToImmutable(), []);
        }

        var context = new TSqlNameContext(options, options.Variables.WithScriptValues(script.SetVariables), script.Substituted, diagnostics);
        var objects = new List<SqlObjectFacts>();
        var targets = new List<TSqlTarget>();
        foreach (var statement in parsed.Batches.SelectMany(b => b.Statements))
        {
            if (statement is UseStatement use)
            {
                context.Use(use.DatabaseName);
                continue;
            }

            // A temporary table (#t, ##t) lives for a session: never a catalog table, and not part of a project's model.
            if (Read(statement, context) is { } facts && !facts.Name.Name.StartsWith('#'))
            {
                Merge(objects, facts);
                targets.Add(new TSqlTarget(facts.Name, Kind(statement), facts.Line, facts.Column, context.LastResolved));
            }

            targets.AddRange(TSqlWrites.Find(statement, context));
        }

        return new TSqlScriptFacts([.. objects], diagnostics.ToImmutable(), [.. targets]);
    }

    /// <summary>The statement that defines an object, as the mapping's reasons name it.</summary>
    private static SqlStatementKind Kind(TSqlStatement statement) => statement switch
    {
        CreateTableStatement { SelectStatement: not null } => SqlStatementKind.CreateTableAsSelect,
        CreateTableStatement => SqlStatementKind.CreateTable,
        AlterTableStatement => SqlStatementKind.AlterTable,
        AlterViewStatement => SqlStatementKind.AlterView,
        ViewStatementBody => SqlStatementKind.CreateView,
        AlterProcedureStatement => SqlStatementKind.AlterProcedure,
        ProcedureStatementBody => SqlStatementKind.CreateProcedure,
        AlterFunctionStatement => SqlStatementKind.AlterFunction,
        _ => SqlStatementKind.CreateFunction,
    };

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

    private static SqlObjectFacts? Read(TSqlStatement statement, TSqlNameContext context) => statement switch
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

    private static SqlObjectFacts Table(TSqlStatement statement, SchemaObjectName name, TableDefinition? definition, TSqlNameContext context)
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

    private static SqlObjectFacts View(ViewStatementBody view, TSqlNameContext context)
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

    private static SqlObjectFacts Function(FunctionStatementBody function, TSqlNameContext context)
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

    private static SqlObjectFacts Routine(TSqlStatement statement, SqlObjectKind kind, SchemaObjectName name, IList<ProcedureParameter> parameters, TSqlNameContext context) =>
        Facts(statement, kind, name, context) with
        {
            Parameters = [.. parameters.Select(p => new SqlParameterFacts(p.VariableName.Value, TSqlText.Type(p.DataType), p.Value is not null, p.Modifier == ParameterModifier.Output))],
        };

    private static SqlObjectFacts Facts(TSqlStatement statement, SqlObjectKind kind, SchemaObjectName name, TSqlNameContext context) => new()
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
}
