using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Classification;

namespace DataContracts.Reports;

/// <summary>The classification fields of a change (docs/report.md): written only when the change was classified.</summary>
internal static partial class JsonReport
{
    public static string ClassName(ChangeClass value) => value switch
    {
        ChangeClass.Breaking => "breaking",
        ChangeClass.NonBreaking => "non_breaking",
        _ => "unknown",
    };

    private static JsonObject WithClassification(JsonObject change, ChangeEntry entry)
    {
        if (entry.Classification is { } c)
        {
            change["classification"] = ClassName(c.Class);
            change["kind"] = c.Kind is { } kind ? Lower(kind) : null;
            change["evidence"] = Lower(c.Evidence);
            change["columnChanges"] = new JsonArray([.. c.ColumnChanges.Select(cc => (JsonNode)new JsonObject
            {
                ["column"] = cc.Column,
                ["change"] = Lower(cc.Change),
                ["before"] = cc.Before,
                ["after"] = cc.After,
            })]);
            change["reasons"] = Strings(c.ReasonTexts);
        }

        if (!entry.DownstreamOf.IsEmpty)
        {
            change["downstreamOf"] = Strings(entry.DownstreamOf);
        }

        return change;
    }
}
