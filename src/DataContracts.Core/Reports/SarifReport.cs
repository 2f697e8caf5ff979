using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// SARIF 2.1.0, for GitHub code scanning and other tools that show findings inline in a review. Each
/// diagnostic is a result; each DC code a rule with its documentation page as help.
/// </summary>
internal static class SarifReport
{
    private const string DocsBase = "https://github.com/datacontracts/datacontracts/blob/main/docs/diagnostics/";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(CheckResult result, string toolVersion)
    {
        var used = result.Diagnostics.Select(d => d.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rules = used.Select(code => DiagnosticCodes.All.FirstOrDefault(d => d.Code == code) is { } descriptor
            ? (JsonNode)new JsonObject
            {
                ["id"] = code,
                ["name"] = descriptor.Title,
                ["shortDescription"] = new JsonObject { ["text"] = descriptor.Title },
                ["helpUri"] = DocsBase + code + ".md",
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(descriptor.DefaultSeverity) },
            }
            : new JsonObject { ["id"] = code }).ToArray();

        var results = result.Diagnostics.Select(d =>
        {
            var entry = new JsonObject
            {
                ["ruleId"] = d.Code,
                ["ruleIndex"] = Array.IndexOf(used, d.Code),
                ["level"] = Level(d.Severity),
                ["message"] = new JsonObject { ["text"] = d.Hint is null ? d.Message : $"{d.Message} Hint: {d.Hint}" },
            };
            if (d.Location is { } location)
            {
                var physical = new JsonObject
                {
                    ["artifactLocation"] = Path.IsPathRooted(location.File)
                        ? new JsonObject { ["uri"] = new Uri(location.File).AbsoluteUri }
                        : new JsonObject { ["uri"] = location.File, ["uriBaseId"] = "WORKSPACE" },
                };
                if (location.Line > 0)
                {
                    physical["region"] = new JsonObject { ["startLine"] = location.Line, ["startColumn"] = Math.Max(location.Column, 1) };
                }

                entry["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical });
            }

            return (JsonNode)entry;
        }).ToArray();

        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "DataContracts",
                        ["version"] = toolVersion,
                        ["informationUri"] = "https://github.com/datacontracts/datacontracts",
                        ["rules"] = new JsonArray(rules),
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["WORKSPACE"] = new JsonObject { ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(result.WorkspaceRoot) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["results"] = new JsonArray(results),
            }),
        };
        return PrintableText.Json(sarif.ToJsonString(Options)) + "\n";
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
