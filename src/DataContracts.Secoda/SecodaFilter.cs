using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataContracts.Secoda;

/// <summary>Builds the catalog filter JSON documented for <c>resource/catalog/</c>.</summary>
internal static class SecodaFilter
{
    public static string TitleExact(string title, string? integrationId) => Title("exact", title, integrationId);

    /// <summary>Titles containing <paramref name="title"/>; Django's <c>icontains</c> behind it ignores case, as far as is known.</summary>
    public static string TitleContains(string title, string? integrationId) => Title("contains", title, integrationId);

    private static string Title(string op, string title, string? integrationId)
    {
        // Added as JsonNode: the generic Add<T> is marked as needing reflection, which the trim and AOT analyzers reject.
        var operands = new JsonArray { (JsonNode)Operand(op, "title", JsonValue.Create(title)) };
        if (!string.IsNullOrEmpty(integrationId))
        {
            operands.Add((JsonNode)Operand("in", "integration_id", new JsonArray(JsonValue.Create(integrationId))));
        }

        return And(operands);
    }

    public static string IdIn(IEnumerable<string> ids) =>
        Operand("in", "id", new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())).ToJsonString();

    public static string IdExact(string id) => Operand("exact", "id", JsonValue.Create(id)).ToJsonString();

    private static string And(JsonArray operands) =>
        new JsonObject { ["operator"] = "and", ["operands"] = operands }.ToJsonString();

    private static JsonObject Operand(string op, string field, JsonNode? value) =>
        new() { ["operator"] = op, ["field"] = field, ["value"] = value };
}
