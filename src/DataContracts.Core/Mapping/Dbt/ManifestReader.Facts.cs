using System.Collections.Immutable;
using System.Text.Json;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// A second, narrow pass over a manifest for the nodes a change touches: the SQL, declared columns, contract,
/// access and configured relation that classification compares. The mapping pass skips these (they are most
/// of the file); this pass keeps them only for the nodes asked for.
/// </summary>
internal static partial class ManifestReader
{
    /// <summary>
    /// The facts of <paramref name="ids"/>. When <paramref name="read"/> came from the same, unchanged file, only
    /// those nodes' bytes are read again (a few KB instead of the whole file); otherwise the file is scanned.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, NodeFacts>> ReadFactsAsync(
        string fullPath, DbtManifest read, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count > 0 && read.Source is { } source && source.IsUnchanged(fullPath))
        {
            try
            {
                return await ReadFactsAtAsync(source, ids, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Changed under us after all: the full scan below reports what is wrong with it.
            }
        }

        return await ReadFactsAsync(fullPath, read.DisplayPath, ids, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyDictionary<string, NodeFacts>> ReadFactsAsync(
        string fullPath, string displayPath, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, NodeFacts>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }

        byte[] bytes;
        try
        {
            bytes = await IO.BoundedFile.ReadAllBytesAsync(fullPath, displayPath, cancellationToken, IO.BoundedFile.MaxArtifactBytes).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw Unreadable(displayPath, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Unreadable(displayPath, ex.Message);
        }

        try
        {
            ReadFacts(bytes, ids, result);
        }
        catch (JsonException ex)
        {
            throw NotJson(displayPath, "it is not valid JSON", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }
        catch (InvalidOperationException)
        {
            var (line, column) = IO.JsonText.FindInvalidString(bytes) ?? (0, 0);
            throw NotJson(displayPath, NotText, line, column);
        }

        return result;
    }

    private static void ReadFacts(ReadOnlySpan<byte> json, IReadOnlySet<string> ids, Dictionary<string, NodeFacts> result)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 512 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        ReadMembers(ref reader, (ids, result), FactsMap);
    }

    /// <summary>A top-level member: <c>nodes</c> and <c>disabled</c> are read for the facts of their entries, the rest is skipped.</summary>
    private static bool FactsMap(ref Utf8JsonReader reader, (IReadOnlySet<string> Ids, Dictionary<string, NodeFacts> Result) scan)
    {
        var disabled = reader.ValueTextEquals("disabled"u8);
        if (!disabled && !reader.ValueTextEquals("nodes"u8))
        {
            return false;
        }

        ReadObject(ref reader, (scan.Ids, scan.Result, disabled), FactsEntry);
        return true;
    }

    /// <summary>One entry of <c>nodes</c> or <c>disabled</c> (where it is a list of the node's versions: the first counts).</summary>
    private static bool FactsEntry(ref Utf8JsonReader reader, (IReadOnlySet<string> Ids, Dictionary<string, NodeFacts> Result, bool Disabled) scan)
    {
        var key = reader.GetString()!;
        if (!scan.Ids.Contains(key))
        {
            return false;
        }

        reader.Read();
        using var document = JsonDocument.ParseValue(ref reader);
        var node = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
            ? document.RootElement[0]
            : document.RootElement;
        if (node.ValueKind == JsonValueKind.Object && (!scan.Disabled || !scan.Result.ContainsKey(key)))
        {
            scan.Result[key] = Facts(key, node, scan.Disabled);
        }

        return true;
    }

    private static NodeFacts Facts(string key, JsonElement node, bool disabled)
    {
        var config = Child(node, "config");
        var unrendered = Child(node, "unrendered_config");
        var contract = Child(node, "contract") ?? (config is { } c ? Child(c, "contract") : null);
        var enabled = config is { } cfg && cfg.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.False ? false : true;
        var resourceType = Text(node, "resource_type") ?? FirstSegment(key);
        var materialized = config is { } m ? Text(m, "materialized") : null;
        var alias = Text(node, "alias") ?? Text(node, "identifier") ?? Text(node, "name");
        var relation = resourceType is "model" or "seed" or "snapshot" && !string.Equals(materialized, "ephemeral", StringComparison.OrdinalIgnoreCase) && alias is not null
            ? new TableName(NullIfEmpty(Text(node, "database")), NullIfEmpty(Text(node, "schema")), alias)
            : null;
        return new NodeFacts
        {
            UniqueId = key,
            ResourceType = resourceType,
            Relation = relation,
            ConfiguredDatabase = unrendered is { } u1 ? Text(u1, "database") : null,
            ConfiguredSchema = unrendered is { } u2 ? Text(u2, "schema") : null,
            ConfiguredAlias = unrendered is { } u3 ? Text(u3, "alias") : null,
            Materialized = materialized,
            Disabled = disabled || !enabled,
            ContractEnforced = contract is { } k && k.TryGetProperty("enforced", out var enforced) && enforced.ValueKind == JsonValueKind.True,
            Access = Text(node, "access"),
            Version = Text(node, "version"),
            Columns = DeclaredColumns(node),
            Constraints = ConstraintTypes(node),
            RawCode = Text(node, "raw_code") ?? Text(node, "raw_sql"),
            CompiledCode = Text(node, "compiled_code") ?? Text(node, "compiled_sql"),
            Language = Text(node, "language"),
            Checksum = Child(node, "checksum") is { } sum ? Text(sum, "checksum") : null,
        };
    }

    private static ImmutableArray<DeclaredColumn> DeclaredColumns(JsonElement node)
    {
        if (Child(node, "columns") is not { } columns)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<DeclaredColumn>();
        foreach (var column in columns.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            list.Add(new DeclaredColumn(Text(column.Value, "name") ?? column.Name, NullIfEmpty(Text(column.Value, "data_type")), ConstraintTypes(column.Value)));
        }

        return list.ToImmutable();
    }

    private static ImmutableArray<string> ConstraintTypes(JsonElement owner) =>
        owner.TryGetProperty("constraints", out var constraints) && constraints.ValueKind == JsonValueKind.Array
            ? [.. constraints.EnumerateArray().Select(c => Text(c, "type")).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]
            : [];

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
