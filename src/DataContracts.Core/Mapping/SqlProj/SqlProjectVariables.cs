using DataContracts.Contracts;
using DataContracts.Mapping.Sql;

namespace DataContracts.Mapping.SqlProj;

/// <summary>
/// The SQLCMD variables of one project: <c>--sqlcmd-var</c>, then <c>sqlproj.variables</c>, then the project's
/// literal <c>Value</c> and <c>DefaultValue</c>. <c>$(DatabaseName)</c> is built in, as in SSDT: the project's
/// database name.
/// </summary>
internal static class SqlProjectVariables
{
    public static SqlCmdVariables For(SqlProject project, IReadOnlyDictionary<string, string> commandLine, SqlProjSettings settings)
    {
        var values = new Dictionary<string, (string, SqlCmdValueSource)>(StringComparer.OrdinalIgnoreCase)
        {
            ["DatabaseName"] = (project.DatabaseName, SqlCmdValueSource.BuiltIn),
        };
        foreach (var variable in project.Variables.Values)
        {
            if (variable.DefaultValue is { } fallback)
            {
                values[variable.Name] = (fallback, SqlCmdValueSource.ProjectDefault);
            }

            if (variable.Value is { } value)
            {
                values[variable.Name] = (value, SqlCmdValueSource.ProjectValue);
            }
        }

        foreach (var (name, value) in settings.Variables)
        {
            values[name] = (value, SqlCmdValueSource.Contract);
        }

        foreach (var (name, value) in commandLine)
        {
            values[name] = (value, SqlCmdValueSource.CommandLine);
        }

        return SqlCmdVariables.Create(values, project.Variables.Keys.Append("DatabaseName"));
    }
}
