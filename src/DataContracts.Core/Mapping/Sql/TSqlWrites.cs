using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// The tables a statement writes, anywhere inside it (a procedure's or trigger's body, an <c>IF</c>, a
/// <c>BEGIN … END</c>): <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>MERGE</c>, <c>TRUNCATE</c>,
/// <c>DROP TABLE/VIEW</c>, <c>SELECT … INTO</c> and <c>ALTER TABLE</c>. An alias (<c>UPDATE o … FROM dbo.Orders o</c>)
/// is the table it stands for; temporary tables, table variables and common table expressions are not tables
/// of the catalog. Dynamic SQL (<c>EXEC('…')</c>) is a string and is not read.
/// </summary>
internal sealed class TSqlWrites : TSqlFragmentVisitor
{
    private readonly TSqlNameContext _names;
    private readonly List<TSqlTarget> _targets = [];

    private TSqlWrites(TSqlNameContext names) => _names = names;

    public static IReadOnlyList<TSqlTarget> Find(TSqlStatement statement, TSqlNameContext names)
    {
        var writes = new TSqlWrites(names);
        statement.Accept(writes);
        return writes._targets;
    }

    public override void Visit(InsertStatement node) =>
        Add(node, SqlStatementKind.Insert, node.InsertSpecification?.Target, null, node.WithCtesAndXmlNamespaces);

    public override void Visit(UpdateStatement node) =>
        Add(node, SqlStatementKind.Update, node.UpdateSpecification?.Target, node.UpdateSpecification?.FromClause, node.WithCtesAndXmlNamespaces);

    public override void Visit(DeleteStatement node) =>
        Add(node, SqlStatementKind.Delete, node.DeleteSpecification?.Target, node.DeleteSpecification?.FromClause, node.WithCtesAndXmlNamespaces);

    public override void Visit(MergeStatement node) =>
        Add(node, SqlStatementKind.Merge, node.MergeSpecification?.Target, null, node.WithCtesAndXmlNamespaces);

    public override void Visit(TruncateTableStatement node) => Add(node, SqlStatementKind.Truncate, node.TableName);

    public override void Visit(DropTableStatement node)
    {
        foreach (var name in node.Objects)
        {
            Add(node, SqlStatementKind.DropTable, name);
        }
    }

    public override void Visit(DropViewStatement node)
    {
        foreach (var name in node.Objects)
        {
            Add(node, SqlStatementKind.DropView, name);
        }
    }

    public override void Visit(SelectStatement node) => Add(node, SqlStatementKind.SelectInto, node.Into);

    /// <summary>Every <c>ALTER TABLE</c> but <c>… ADD</c>, which <see cref="TSqlScriptReader"/> reads as part of the table's definition.</summary>
    public override void Visit(AlterTableStatement node)
    {
        if (node is not AlterTableAddTableElementStatement)
        {
            Add(node, SqlStatementKind.AlterTable, node.SchemaObjectName);
        }
    }

    private void Add(TSqlStatement statement, SqlStatementKind kind, TableReference? target, FromClause? from, WithCtesAndXmlNamespaces? ctes)
    {
        if (target is not NamedTableReference { SchemaObject: { } name })
        {
            return;
        }

        if (name.SchemaIdentifier is null && name.DatabaseIdentifier is null && name.BaseIdentifier is { } alias)
        {
            if (ctes?.CommonTableExpressions.Any(c => string.Equals(c.ExpressionName.Value, alias.Value, StringComparison.OrdinalIgnoreCase)) == true)
            {
                return;
            }

            name = Aliased(from?.TableReferences, alias.Value) ?? name;
        }

        Add(statement, kind, name);
    }

    private void Add(TSqlStatement statement, SqlStatementKind kind, SchemaObjectName? name)
    {
        if (name?.BaseIdentifier is null || name.BaseIdentifier.Value.StartsWith('#'))
        {
            return;
        }

        var table = _names.Resolve(name);
        _targets.Add(new TSqlTarget(table, kind, statement.StartLine, statement.StartColumn, _names.LastResolved));
    }

    /// <summary>The table that <paramref name="alias"/> names in a <c>FROM</c> clause, through its joins.</summary>
    private static SchemaObjectName? Aliased(IEnumerable<TableReference>? references, string alias)
    {
        foreach (var reference in references ?? [])
        {
            var found = reference switch
            {
                NamedTableReference named when string.Equals(named.Alias?.Value, alias, StringComparison.OrdinalIgnoreCase) => named.SchemaObject,
                JoinTableReference join => Aliased([join.FirstTableReference, join.SecondTableReference], alias),
                JoinParenthesisTableReference parenthesis => Aliased([parenthesis.Join], alias),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
