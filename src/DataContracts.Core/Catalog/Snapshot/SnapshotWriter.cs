using System.Text.Json;

namespace DataContracts.Catalog.Snapshot;

/// <summary>Writes the version 1 layout field by field, so the file format does not depend on record shapes.</summary>
internal static class SnapshotWriter
{
    public static void Write(Utf8JsonWriter writer, CatalogSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", CatalogSnapshot.CurrentVersion);
        WriteOptional(writer, "source", snapshot.Source);
        if (snapshot.CreatedAt is { } created)
        {
            writer.WriteString("createdAt", created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteStartArray("resources");
        foreach (var r in snapshot.Resources.DistinctBy(r => r.Id, StringComparer.Ordinal).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("id", r.Id);
            writer.WriteString("title", r.Title);
            writer.WriteString("entityType", r.EntityType);
            WriteOptional(writer, "nativeType", r.NativeType);
            WriteOptional(writer, "database", r.Database);
            WriteOptional(writer, "schema", r.Schema);
            WriteOptional(writer, "integrationId", r.IntegrationId);
            WriteOptional(writer, "url", r.Url);
            WriteOptional(writer, "parentId", r.ParentId);
            WriteOptional(writer, "dataType", r.DataType);
            writer.WriteStartArray("owners");
            foreach (var owner in r.Owners.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(owner);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("lineage");
        foreach (var e in snapshot.Lineage.Distinct().OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("from", e.From);
            writer.WriteString("to", e.To);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
