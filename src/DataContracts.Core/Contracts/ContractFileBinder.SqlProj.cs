using System.Collections.Immutable;

using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary><c>sqlproj:</c>: database project files, an optional database override and SQLCMD variable values.</summary>
internal sealed partial class ContractFileBinder
{
    private SqlProjSettings BindSqlProj(Dictionary<string, ContractEntry> keys)
    {
        var projects = keys.TryGetValue("projects", out var projectsEntry) ? reader.TextList(projectsEntry) ?? [] : [];
        var variables = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var locations = ImmutableDictionary.CreateBuilder<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        if (keys.TryGetValue("variables", out var variablesEntry) && reader.Section(variablesEntry) is { } mapping)
        {
            foreach (var (keyNode, value) in mapping.Entries)
            {
                // Variable names are data, not settings: checked by SQLCMD's rule, not against ContractKeys.
                if (keyNode is not YamlTreeScalar { IsNull: false } key || !SqlCmdVariableName().IsMatch(key.Value))
                {
                    var shown = keyNode is YamlTreeScalar scalar ? $"`{ContractValueReader.Shorten(scalar.Value)}`" : "not text";
                    reader.Report(DiagnosticCodes.ContractInvalidVariableName, $"`sqlproj.variables` key {shown} is not a SQLCMD variable name.", keyNode,
                        "Write the name as the project declares it (`<SqlCmdVariable Include=\"ReportDb\">`), without `$(` and `)`, for example `ReportDb: Reporting`.");
                    continue;
                }

                if (locations.ContainsKey(key.Value))
                {
                    reader.Report(DiagnosticCodes.ContractDuplicateKey, $"`sqlproj.variables.{key.Value}` is set twice (case does not count).", key,
                        $"It is first set at line {locations[key.Value].Line}. Remove one of the two.");
                    continue;
                }

                locations[key.Value] = reader.At(key);
                if (reader.Text(value, $"sqlproj.variables.{key.Value}") is { } text)
                {
                    variables[key.Value] = text;
                }
            }
        }

        if (projectsEntry?.Value is YamlTreeSequence { Items.Length: 0 })
        {
            reader.Report(DiagnosticCodes.ContractEmptyValue, "`sqlproj.projects` lists no project, so the section maps nothing.", projectsEntry.Value,
                "List the database project files relative to this file, for example `projects: [\"database/Sales/Sales.sqlproj\"]`.");
        }

        return new SqlProjSettings
        {
            Projects = [.. projects.Select(p => p.Value)],
            ProjectLocations = [.. projects.Select(p => p.Location)],
            Database = keys.TryGetValue("database", out var database) ? reader.Text(database) : null,
            Variables = variables.ToImmutable(),
            VariableLocations = locations.ToImmutable(),
        };
    }

    /// <summary>SQLCMD's variable names: a letter or underscore, then letters, digits, underscores and hyphens.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    internal static partial System.Text.RegularExpressions.Regex SqlCmdVariableName();
}
