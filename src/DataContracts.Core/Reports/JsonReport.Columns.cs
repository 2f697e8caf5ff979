using System.Text.Json.Nodes;
using DataContracts.Application;

namespace DataContracts.Reports;

/// <summary>
/// Column-level fields, present only for sources whose change breaks named columns, so reports of table-level
/// runs are unchanged: per impact <c>columns</c> (each broken column and who reads it) and <c>spared</c>, per
/// downstream entry <c>breaks</c> (true, false or null).
/// </summary>
internal static partial class JsonReport
{
    private static JsonObject AddColumns(CheckResult result, JsonObject report)
    {
        var impacts = report["impacts"]!.AsArray();
        for (var i = 0; i < result.Impacts.Length; i++)
        {
            var impact = result.Impacts[i];
            if (impact.Columns is not { } columns)
            {
                continue;
            }

            var json = impacts[i]!.AsObject();
            json["columns"] = new JsonObject
            {
                ["broken"] = new JsonArray([.. columns.Broken.Select(c => (JsonNode)new JsonObject
                {
                    ["column"] = c.Column,
                    ["readers"] = Strings(c.Readers),
                })]),
                ["unknown"] = columns.Unknown,
            };
            json["spared"] = impact.Spared;
            var downstream = json["downstream"]!.AsArray();
            for (var d = 0; d < impact.Downstream.Length; d++)
            {
                downstream[d]!.AsObject()["breaks"] = impact.Downstream[d].Breaks;
            }
        }

        return report;
    }
}
