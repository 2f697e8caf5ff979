using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

/// <summary>Where a SQLCMD variable's value came from, strongest first.</summary>
internal enum SqlCmdValueSource
{
    /// <summary><c>:setvar</c> in the script itself, which sqlcmd lets win over <c>-v</c>.</summary>
    Script,
    CommandLine,
    Contract,
    ProjectValue,
    ProjectDefault,
    BuiltIn,
}

/// <summary>
/// SQLCMD variable values for <c>$(Name)</c> in T-SQL names: a database project's (<c>SqlProjectVariables</c>), or
/// for a <c>sql:</c> file only <c>--sqlcmd-var</c>'s; a script's own <c>:setvar</c> values go on top.
/// </summary>
internal sealed class SqlCmdVariables
{
    private readonly ImmutableDictionary<string, (string Value, SqlCmdValueSource Source)> _values;

    private SqlCmdVariables(ImmutableDictionary<string, (string Value, SqlCmdValueSource Source)> values, ImmutableHashSet<string> declared)
    {
        _values = values;
        Declared = declared;
    }

    /// <summary>Names the project declares (or built in): a name outside these is a typo or a missing declaration.</summary>
    public ImmutableHashSet<string> Declared { get; }

    /// <summary>Values by name, strongest source already chosen, and the names declared beside them.</summary>
    public static SqlCmdVariables Create(IReadOnlyDictionary<string, (string Value, SqlCmdValueSource Source)> values, IEnumerable<string> declared) =>
        new(values.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), declared.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>For <c>sql.dialect: tsql</c> files: only the command line's values, nothing declared.</summary>
    public static SqlCmdVariables FromCommandLine(IReadOnlyDictionary<string, string> commandLine) =>
        new(
            commandLine.ToImmutableDictionary(p => p.Key, p => (p.Value, SqlCmdValueSource.CommandLine), StringComparer.OrdinalIgnoreCase),
            commandLine.Keys.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>These variables with a script's own <c>:setvar</c> values on top (they win, as in sqlcmd) and declared.</summary>
    public SqlCmdVariables WithScriptValues(IReadOnlyDictionary<string, string> script) =>
        script.Count == 0
            ? this
            : new(_values.SetItems(script.Select(p => KeyValuePair.Create(p.Key, (p.Value, SqlCmdValueSource.Script)))), Declared.Union(script.Keys));

    public string? Resolve(string name) => _values.TryGetValue(name, out var value) ? value.Value : null;

    /// <summary>
    /// Parses <c>--sqlcmd-var NAME=VALUE</c> arguments. A malformed one is DC5108; the same name twice keeps the
    /// last, as sqlcmd's <c>-v</c> does.
    /// </summary>
    public static ImmutableDictionary<string, string> ParseArguments(IEnumerable<string> arguments)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<Diagnostic>();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals].Trim() : string.Empty;
            if (equals <= 0 || !ContractFileBinder.SqlCmdVariableName().IsMatch(name))
            {
                var shown = argument.Length <= 60 ? argument : string.Concat(argument.AsSpan(0, 57), "...");
                errors.Add(DiagnosticCodes.SqlCmdVariableArgument.Create(
                    $"--sqlcmd-var '{PrintableText(shown)}' is not NAME=VALUE with a SQLCMD variable name.",
                    hint: "Write the variable's name as the project declares it, an equals sign and the value, for example --sqlcmd-var ReportDb=Reporting."));
                continue;
            }

            values[name] = argument[(equals + 1)..];
        }

        return errors.Count > 0 ? throw new InputException(errors) : values.ToImmutable();
    }

    private static string PrintableText(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
}
