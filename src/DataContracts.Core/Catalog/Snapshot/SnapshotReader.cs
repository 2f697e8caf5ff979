using System.Globalization;
using System.Text.Json;

using DataContracts.Diagnostics;

namespace DataContracts.Catalog.Snapshot;

/// <summary>Turns a parsed snapshot document into a <see cref="CatalogSnapshot"/>, collecting located problems.</summary>
internal sealed class SnapshotReader(string path, JsonPositions positions)
{
    private readonly List<Diagnostic> _errors = [];
    private readonly List<Diagnostic> _warnings = [];

    public SnapshotLoadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(DiagnosticCodes.SnapshotInvalidJson.Create(
                "The catalog snapshot must be a JSON object.", At(string.Empty), "Regenerate it with 'datacontracts snapshot --output <file>'."));
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != CatalogSnapshot.CurrentVersion)
        {
            var found = root.TryGetProperty("version", out var raw) ? raw.GetRawText() : "none";
            throw new InputException(DiagnosticCodes.SnapshotUnsupportedVersion.Create(
                $"The catalog snapshot has version {found}; this DataContracts reads version {CatalogSnapshot.CurrentVersion}.",
                At(root.TryGetProperty("version", out _) ? "/version" : string.Empty),
                "Regenerate the snapshot with this version of DataContracts ('datacontracts snapshot --output <file>')."));
        }

        RequireArray(root, "resources");
        RequireArray(root, "lineage");
        var resources = ReadResources(root);
        var lineage = ReadLineage(root, resources.Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase));
        if (_errors.Count > 0)
        {
            throw new InputException(_errors);
        }

        var snapshot = new CatalogSnapshot
        {
            Source = Text(root, "source"),
            CreatedAt = Text(root, "createdAt") is { } created
                && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            Resources = [.. resources],
            Lineage = [.. lineage],
        };
        return new SnapshotLoadResult(snapshot, [.. _warnings]);
    }

    private List<CatalogResource> ReadResources(JsonElement root)
    {
        var list = new List<CatalogResource>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = -1;
        foreach (var item in Array(root, "resources"))
        {
            index++;
            var pointer = $"/resources/{index}";
            var id = Text(item, "id");
            var title = Text(item, "title");
            if (id is null || title is null)
            {
                _errors.Add(DiagnosticCodes.SnapshotInvalidResource.Create(
                    $"Resource #{index + 1} in the catalog snapshot has no {(id is null ? "id" : "title")}.",
                    At(pointer),
                    "Every resource needs a non-empty \"id\" and \"title\"; regenerate the snapshot or fix the entry."));
                continue;
            }

            if (!seen.Add(id))
            {
                _warnings.Add(DiagnosticCodes.SnapshotInvalidResource.Create(
                    Severity.Warning, $"Resource id {id} appears more than once in the catalog snapshot; the first entry is used.", At(pointer)));
                continue;
            }

            var resource = new CatalogResource
            {
                Id = id,
                Title = title,
                EntityType = Text(item, "entityType") ?? "unknown",
                NativeType = Text(item, "nativeType"),
                Database = Text(item, "database"),
                Schema = Text(item, "schema"),
                IntegrationId = Text(item, "integrationId"),
                Url = Text(item, "url"),
                ParentId = Text(item, "parentId"),
                DataType = Text(item, "dataType"),
                Owners = [.. Array(item, "owners").Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)],
            };
            if (resource.IsColumn && resource.ParentId is null)
            {
                // A column nobody owns cannot be tied to a consumer; kept, but column impact treats it as unknown.
                _warnings.Add(DiagnosticCodes.SnapshotInvalidResource.Create(
                    Severity.Warning, $"Column resource {id} in the catalog snapshot has no \"parentId\"; its lineage cannot be tied to a table.", At(pointer),
                    "Give every column resource the id of its table as \"parentId\", or regenerate the snapshot."));
            }

            list.Add(resource);
        }

        return list;
    }

    private List<LineageEdge> ReadLineage(JsonElement root, HashSet<string> known)
    {
        var list = new List<LineageEdge>();
        var index = -1;
        foreach (var item in Array(root, "lineage"))
        {
            index++;
            var pointer = $"/lineage/{index}";
            var from = Text(item, "from");
            var to = Text(item, "to");
            if (from is null || to is null)
            {
                _errors.Add(DiagnosticCodes.SnapshotInvalidResource.Create(
                    $"Lineage edge #{index + 1} in the catalog snapshot has no \"{(from is null ? "from" : "to")}\".",
                    At(pointer),
                    "Every lineage edge needs \"from\" (upstream id) and \"to\" (downstream id)."));
                continue;
            }

            foreach (var (end, id) in new[] { ("from", from), ("to", to) })
            {
                if (!known.Contains(id))
                {
                    _warnings.Add(DiagnosticCodes.SnapshotUnknownLineageId.Create(
                        $"Lineage edge #{index + 1} names {end} id {id}, which is not among the snapshot's resources; it will be reported without details.",
                        At($"{pointer}/{end}"),
                        "Regenerate the snapshot so that every resource the lineage reaches is included."));
                }
            }

            list.Add(new LineageEdge(from, to));
        }

        return list;
    }

    /// <summary>A missing or mistyped top-level list would read as an empty catalog, which passes every check: refuse it.</summary>
    private void RequireArray(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            return;
        }

        var found = root.TryGetProperty(name, out var raw) ? $"a JSON {raw.ValueKind.ToString().ToLowerInvariant()}" : "missing";
        throw new InputException(DiagnosticCodes.SnapshotWrongShape.Create(
            $"The catalog snapshot's \"{name}\" must be a JSON array, but it is {found}; read as empty, it would hide every consumer.",
            At(found == "missing" ? string.Empty : "/" + name),
            "Regenerate it with 'datacontracts snapshot --output <file>', or write \"" + name + "\": [] when there really is nothing."));
    }

    private SourceLocation At(string pointer)
    {
        var (line, column) = positions.Find(pointer);
        return new SourceLocation(path, line, column);
    }

    private static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;
}
