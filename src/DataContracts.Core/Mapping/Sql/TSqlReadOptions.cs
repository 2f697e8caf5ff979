using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// How <see cref="TSqlScriptReader"/> reads one file: a database project's Build item (the project's platform,
/// database and variables; an unresolved variable is DC5105) or a <c>sql:</c> file with <c>dialect: tsql</c>
/// (the newest parser, the contract's defaults, <c>--sqlcmd-var</c>; an unresolved variable is DC5006).
/// </summary>
internal sealed record TSqlReadOptions(string File, SqlCmdVariables Variables)
{
    /// <summary>The target platform's version from the project's <c>DSP</c> (160 for SQL Server 2022); null for the newest parser.</summary>
    public int? SqlServerVersion { get; init; }

    /// <summary>The database of names that leave it out, until a <c>USE</c> says otherwise.</summary>
    public string? DefaultDatabase { get; init; }

    public string? DefaultSchema { get; init; } = "dbo";

    /// <summary>The severity of syntax errors and unresolved variables: a base revision's are warnings (it is history).</summary>
    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>
    /// Whether the file is a script sqlcmd runs (a <c>sql:</c> file): its SQLCMD command lines are skipped and its
    /// <c>:setvar</c> values used. A database project's Build item may hold none (DC5106), as SSDT says too.
    /// </summary>
    public bool SqlCmdScript { get; init; }

    /// <summary>What a variable without a value is: the statement that names it maps to nothing.</summary>
    public DiagnosticDescriptor UnresolvedVariable { get; init; } = DiagnosticCodes.SqlCmdVariableUnresolved;
}

/// <summary>
/// A table, view, procedure or function a statement defines or writes, at the statement's first token (1-based).
/// <see cref="Resolved"/> is false when a SQLCMD variable in its name has no value (reported where it is).
/// </summary>
internal sealed record TSqlTarget(TableName Name, SqlStatementKind Kind, int Line, int Column, bool Resolved);
