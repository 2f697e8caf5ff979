using System.Collections.Immutable;
using System.Text.Json;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// dbt's <c>catalog.json</c> (<c>dbt docs generate</c>): the columns and types the warehouse reported for each
/// relation that existed, keyed by unique id. The strongest column evidence there is.
/// </summary>
internal sealed class DbtCatalogFile
{
    private readonly ImmutableDictionary<string, ImmutableArray<ColumnFact>> _byId;

    private DbtCatalogFile(string displayPath, ImmutableDictionary<string, ImmutableArray<ColumnFact>> byId)
    {
        DisplayPath = displayPath;
        _byId = byId;
    }

    public string DisplayPath { get; }

    public int Count => _byId.Count;

    /// <summary>The node's columns in the warehouse's order, or null when the catalog does not have the node.</summary>
    public ImmutableArray<ColumnFact>? ColumnsOf(string uniqueId) => _byId.TryGetValue(uniqueId, out var columns) ? columns : null;

    /// <summary>Reads the file; a missing or broken file is bad input (exit 2), with its path.</summary>
    public static async Task<DbtCatalogFile> ReadAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(fullPath))
        {
            throw new InputException(DiagnosticCodes.DbtCatalogNotFound.Create(
                $"The dbt catalog '{displayPath}' does not exist.",
                new SourceLocation(displayPath),
                "Run `dbt docs generate` to write target/catalog.json, or remove dbt.catalog / --dbt-catalog."));
        }

        try
        {
            var bytes = await IO.BoundedFile.ReadAllBytesAsync(fullPath, displayPath, cancellationToken, IO.BoundedFile.MaxArtifactBytes).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            try
            {
                return Parse(document.RootElement, displayPath);
            }
            catch (InvalidOperationException)
            {
                var (line, column) = IO.JsonText.FindInvalidString(bytes) ?? (0, 0);
                throw Invalid(displayPath, "it holds a string that is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800, or invalid UTF-8)", line, column);
            }
            catch (WrongTypeException e)
            {
                var (line, column) = new Catalog.Snapshot.JsonPositions(bytes).Find(e.Pointer);
                throw Invalid(displayPath, e.Message, line, column);
            }
        }
        catch (JsonException e)
        {
            throw Invalid(displayPath, $"it is not valid JSON ({e.Message})", (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }
        catch (IOException e)
        {
            throw Invalid(displayPath, e.Message, 0, 0);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Invalid(displayPath, e.Message, 0, 0);
        }
    }

    private static DbtCatalogFile Parse(JsonElement root, string displayPath)
    {
        var schema = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("dbt_schema_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("nodes", out _) || (schema is not null && !schema.Contains("/catalog/", StringComparison.OrdinalIgnoreCase)))
        {
            throw Invalid(displayPath, schema is null ? "it has no nodes (is it a catalog.json?)" : $"its schema is '{schema}', not a dbt catalog", 1, 1);
        }

        var byId = ImmutableDictionary.CreateBuilder<string, ImmutableArray<ColumnFact>>(StringComparer.Ordinal);
        foreach (var section in new[] { "nodes", "sources" })
        {
            if (!root.TryGetProperty(section, out var nodes) || nodes.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var node in nodes.EnumerateObject())
            {
                if (node.Value.ValueKind != JsonValueKind.Object || !node.Value.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var list = new List<(int Index, ColumnFact Column)>();
                foreach (var column in columns.EnumerateObject())
                {
                    var value = column.Value;
                    var name = Text(value, "name") ?? column.Name;
                    var index = int.MaxValue;
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("index", out var i) && i.ValueKind != JsonValueKind.Null && !i.TryGetInt32Safely(out index))
                    {
                        throw new WrongTypeException(
                            $"/{section}/{Pointer(node.Name)}/columns/{Pointer(column.Name)}/index",
                            $"column '{name}' of '{node.Name}' has index {Shorten(i.GetRawText())}, not a whole number");
                    }

                    list.Add((index, new ColumnFact(name, Text(value, "type"))));
                }

                byId[Text(node.Value, "unique_id") ?? node.Name] = [.. list.OrderBy(c => c.Index).Select(c => c.Column)];
            }
        }

        return new DbtCatalogFile(displayPath, byId.ToImmutable());
    }

    private static string Pointer(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Shorten(string raw) => raw.Length <= 20 ? raw : raw[..20] + "…";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static InputException Invalid(string displayPath, string reason, int line, int column) =>
        new(DiagnosticCodes.DbtCatalogInvalid.Create(
            $"The dbt catalog '{displayPath}' cannot be read: {reason}.",
            new SourceLocation(displayPath, line, column),
            "Regenerate it with `dbt docs generate` (it writes target/catalog.json)."));
}

/// <summary>A catalog value of the wrong JSON type, with its JSON Pointer for the error's position.</summary>
internal sealed class WrongTypeException(string pointer, string message) : Exception(message)
{
    public string Pointer { get; } = pointer;
}

internal static class JsonElementNumbers
{
    /// <summary>TryGetInt32 that answers false (instead of throwing) for a value that is not a number.</summary>
    public static bool TryGetInt32Safely(this JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }
}
