using System.Collections.Immutable;
using System.Text.Json;

using DataContracts.Catalog;
using DataContracts.Mapping;

namespace DataContracts.Secoda;

/// <summary>One lineage row as Secoda returns it, whichever field names the server used.</summary>
internal sealed record LineageRow(string? From, string? To, string? Direction);

/// <summary>
/// Lenient readers for Secoda payloads. The API has renamed fields between versions
/// (<c>from_entity</c> → <c>from_entity_id</c>), sometimes nests related objects, and writes the Python
/// string <c>"None"</c> where JSON would have null; every reader here accepts all of those.
/// </summary>
internal static class SecodaJson
{
    /// <summary>A string, number, or object's <c>id</c>; null for null, missing, empty or <c>"None"</c>.</summary>
    public static string? Text(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value))
            {
                var text = AsText(value);
                if (text is not null)
                {
                    return text;
                }
            }
        }

        return null;
    }

    public static string? AsText(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString();
                return string.IsNullOrWhiteSpace(s) || s is "None" or "null" ? null : s;
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Object:
                return Text(value, "id", "title", "name");
            default:
                return null;
        }
    }

    /// <summary>The next page link: <c>links.next</c>, else top-level <c>next</c>.</summary>
    public static string? NextLink(JsonElement envelope)
    {
        if (envelope.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object)
        {
            var next = Text(links, "next");
            if (next is not null)
            {
                return next;
            }
        }

        return Text(envelope, "next");
    }

    public static LineageRow ReadLineage(JsonElement row) => new(
        Text(row, "from_entity_id", "from_entity", "from"),
        Text(row, "to_entity_id", "to_entity", "to"),
        Text(row, "direction"));

    /// <summary>
    /// Rows whose two ends cannot be read would be dropped one by one and the walk would report nothing
    /// downstream, a pass that means nothing: when rows came back and none can be read, stop and name
    /// the fields that were there.
    /// </summary>
    public static void RequireReadableLineage(IReadOnlyList<JsonElement> rows, string what)
    {
        if (rows.Count == 0 || rows.Any(r => ReadLineage(r) is { From: not null, To: not null }))
        {
            return;
        }

        var fields = rows.Where(r => r.ValueKind == JsonValueKind.Object)
            .SelectMany(r => r.EnumerateObject().Select(p => p.Name))
            .Distinct(StringComparer.Ordinal)
            .Select(n => n.Length <= 40 && n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? n : "(unprintable)")
            .Distinct(StringComparer.Ordinal)
            .Take(12)
            .ToArray();
        throw new Diagnostics.ServiceException(Diagnostics.DiagnosticCodes.SecodaLineageUnreadable.Create(
            $"Secoda returned {rows.Count} lineage row(s) for {what}, but none names both ends in a field this client reads "
            + $"(from_entity_id, from_entity or from; to_entity_id, to_entity or to). Fields seen: {(fields.Length == 0 ? "none" : string.Join(", ", fields))}.",
            hint: "The Secoda API may have changed its lineage format: upgrade DataContracts, or report the fields above. Downstream consumers cannot be known until the lineage can be read."));
    }

    /// <summary>A catalog resource; null when the row has no id.</summary>
    public static CatalogResource? ReadResource(JsonElement row)
    {
        var id = Text(row, "id");
        if (id is null)
        {
            return null;
        }

        var title = Text(row, "title") ?? string.Empty;
        var database = Text(row, "database", "database_name", "table_database");
        var schema = Text(row, "schema", "schema_name", "table_schema");
        var titleFull = Text(row, "title_full");
        if ((database is null || schema is null) && titleFull is not null && title.Length > 0)
        {
            // title_full is "database.schema.table" for warehouse tables; only trust it when it ends in the title.
            var full = TableName.Parse(titleFull);
            if (string.Equals(full.Name, title, StringComparison.Ordinal) && full.Schema is not null)
            {
                database ??= full.Database;
                schema ??= full.Schema;
            }
        }

        var entityType = Text(row, "entity_type", "type") ?? "unknown";
        return new CatalogResource
        {
            Id = id,
            Title = title,
            EntityType = entityType,
            DataType = ColumnDataType(row, entityType),
            NativeType = Text(row, "native_type"),
            Database = database,
            Schema = schema,
            IntegrationId = Text(row, "integration_id", "integration"),
            Url = Text(row, "url"),
            Owners = ReadIds(row, "owners"),
            ParentId = Text(row, "parent_id", "parent"),
        };
    }

    /// <summary>
    /// A column's data type, or null. Secoda's SDK documents it as the column's <c>type</c> field (docs/catalog.md,
    /// "Columns"), but List Resources filters on <c>type</c> meaning the entity type, and older
    /// payloads carry no <c>entity_type</c>; so <c>type</c> counts only on a column and only when it is not the word
    /// <c>column</c> itself. <c>data_type</c> is read first in case a version spells it out.
    /// </summary>
    internal static string? ColumnDataType(JsonElement row, string entityType)
    {
        if (!string.Equals(entityType, "column", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = Text(row, "data_type", "type");
        return type is null || string.Equals(type, entityType, StringComparison.OrdinalIgnoreCase) ? null : type;
    }

    private static ImmutableArray<string> ReadIds(JsonElement row, string name)
    {
        if (!row.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. array.EnumerateArray().Select(AsText).OfType<string>()];
    }
}
