namespace DataContracts.Mapping.Sql;

/// <summary>The kind of statement that names a target relation.</summary>
internal enum SqlStatementKind
{
    CreateTable,
    CreateTableAsSelect,
    CreateView,
    CreateMaterializedView,
    AlterTable,
    AlterView,
    Insert,
    Merge,
    Update,
    Delete,
    Replace,
    Truncate,
    DropTable,
    DropView,
    SelectInto,
    Copy,
    CreateProcedure,
    AlterProcedure,
    CreateFunction,
    AlterFunction,
}

/// <summary>
/// A relation a SQL statement creates, changes or writes. <see cref="Table"/> has the parts the text wrote
/// (1 to 3; a T-SQL server part is dropped), completed from an earlier <c>USE</c> or <c>SET search_path</c>
/// in the same script; quoted parts keep their case. Line and column are 1-based and point at the
/// statement's first keyword.
/// </summary>
internal sealed record SqlTarget(TableName Table, SqlStatementKind Kind, int Line, int Column);

/// <summary>Human-readable statement names for messages and reasons.</summary>
internal static class SqlStatementKindExtensions
{
    /// <summary>The statement as SQL users say it: <c>CREATE TABLE</c>, <c>INSERT</c>, ...</summary>
    public static string ToSqlText(this SqlStatementKind kind) => kind switch
    {
        SqlStatementKind.CreateTable => "CREATE TABLE",
        SqlStatementKind.CreateTableAsSelect => "CREATE TABLE AS SELECT",
        SqlStatementKind.CreateView => "CREATE VIEW",
        SqlStatementKind.CreateMaterializedView => "CREATE MATERIALIZED VIEW",
        SqlStatementKind.AlterTable => "ALTER TABLE",
        SqlStatementKind.AlterView => "ALTER VIEW",
        SqlStatementKind.Insert => "INSERT",
        SqlStatementKind.Merge => "MERGE",
        SqlStatementKind.Update => "UPDATE",
        SqlStatementKind.Delete => "DELETE",
        SqlStatementKind.Replace => "REPLACE INTO",
        SqlStatementKind.Truncate => "TRUNCATE",
        SqlStatementKind.DropTable => "DROP TABLE",
        SqlStatementKind.DropView => "DROP VIEW",
        SqlStatementKind.SelectInto => "SELECT INTO",
        SqlStatementKind.Copy => "COPY",
        SqlStatementKind.CreateProcedure => "CREATE PROCEDURE",
        SqlStatementKind.AlterProcedure => "ALTER PROCEDURE",
        SqlStatementKind.CreateFunction => "CREATE FUNCTION",
        SqlStatementKind.AlterFunction => "ALTER FUNCTION",
        _ => kind.ToString().ToUpperInvariant(),
    };
}
