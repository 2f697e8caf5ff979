using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DataContracts.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Resolves the names of one file: SQLCMD variables, the default schema, the database of an earlier <c>USE</c>
/// or the default one. A server part (<c>server.db.schema.t</c>) is dropped: the catalog names tables by database.
/// </summary>
internal sealed partial class TSqlNameContext(TSqlReadOptions options, SqlCmdVariables variables, ImmutableHashSet<string> substituted, ImmutableArray<Diagnostic>.Builder diagnostics)
{
    private string? _database = options.DefaultDatabase;

    /// <summary>An earlier <c>USE $(Var)</c> had no value: names that take their database from it cannot be known.</summary>
    private bool _databaseUnresolved;

    /// <summary>Whether the last name <see cref="Resolve"/> read had every variable in it resolved.</summary>
    public bool LastResolved { get; private set; } = true;

    /// <summary><c>USE db</c>: later names without a database are in <paramref name="database"/>.</summary>
    public void Use(Identifier? database)
    {
        LastResolved = true;
        if (database is not null && Part(database) is { } name)
        {
            _database = name;
            _databaseUnresolved = !LastResolved;
        }
    }

    public TableName Resolve(SchemaObjectName name)
    {
        LastResolved = true;
        var database = Part(name.DatabaseIdentifier);
        var schema = Part(name.SchemaIdentifier);
        var table = Part(name.BaseIdentifier) ?? string.Empty;
        LastResolved &= database is not null || !_databaseUnresolved;
        return new(database ?? _database, schema ?? options.DefaultSchema, table);
    }

    private string? Part(Identifier? identifier)
    {
        if (identifier is null || string.IsNullOrEmpty(identifier.Value))
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

        LastResolved = false;
        var declared = variables.Declared.Contains(variable);
        var project = options.UnresolvedVariable == DiagnosticCodes.SqlCmdVariableUnresolved;
        // A base revision's problems are warnings; in the head, what the descriptor says (DC5105 stops the run, DC5006 warns).
        var severity = options.Severity == Severity.Warning ? Severity.Warning : options.UnresolvedVariable.DefaultSeverity;
        diagnostics.Add(options.UnresolvedVariable.Create(severity,
            (project, declared) switch
            {
                (true, true) => $"SQLCMD variable $({variable}) in {options.File} has no value: the project declares it without a default, and neither --sqlcmd-var nor sqlproj.variables sets it.",
                (true, false) => $"SQLCMD variable $({variable}) in {options.File} is not declared by the project and has no value.",
                _ => $"SQLCMD variable $({variable}) in {options.File} has no value, so the name it is part of cannot be known and its statement maps to nothing.",
            },
            new SourceLocation(options.File, identifier.StartLine, identifier.StartColumn),
            (project, declared) switch
            {
                (true, true) => $"Pass --sqlcmd-var {variable}=VALUE, set sqlproj.variables.{variable} in the contract file, or give it a DefaultValue in the project.",
                (true, false) => $"Declare it in the project (<SqlCmdVariable Include=\"{variable}\">) or pass --sqlcmd-var {variable}=VALUE; check its spelling.",
                _ => $"Pass --sqlcmd-var {variable}=VALUE (MSBuild: DataContractsSqlCmdVariables), set it with :setvar in the script, or name the table in a contract with 'table:'.",
            }));
        return identifier.Value;
    }

    [GeneratedRegex(@"^(?:\$\(([A-Za-z_][A-Za-z0-9_-]*)\)|\$([A-Za-z_][A-Za-z0-9_-]*))$")]
    private static partial Regex Variable();
}
