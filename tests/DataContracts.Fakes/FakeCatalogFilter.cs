using System.Text.Json;

namespace DataContracts.Fakes;

/// <summary>
/// Evaluates Secoda's catalog filter JSON (<c>and</c>, <c>or</c>, <c>exact</c>, <c>contains</c>, <c>in</c>).
/// <c>exact</c> and <c>in</c> compare case-sensitively, as a database column would: that is the quirk the
/// client must cope with. <c>contains</c> is case-insensitive, like Django's <c>icontains</c>.
/// </summary>
internal static class FakeCatalogFilter
{
    public static Func<FakeResource, bool> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Build(doc.RootElement.Clone());
    }

    /// <summary>
    /// The ids a filter pins (an <c>exact</c> or <c>in</c> on <c>id</c>, alone or inside an <c>and</c>), so the
    /// server can look them up instead of scanning the workspace; the full filter is still applied to them.
    /// Null when the filter does not pin ids. Only a speed-up for large benchmark workspaces.
    /// </summary>
    public static IReadOnlyCollection<string>? PinnedIds(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Pinned(doc.RootElement);
    }

    private static IReadOnlyCollection<string>? Pinned(JsonElement node)
    {
        var op = node.GetProperty("operator").GetString();
        if (op == "and")
        {
            return node.GetProperty("operands").EnumerateArray().Select(Pinned).FirstOrDefault(p => p is not null);
        }

        if (op is not ("exact" or "in") || node.GetProperty("field").GetString() != "id")
        {
            return null;
        }

        var value = node.GetProperty("value");
        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : value.GetString() is { } one ? [one] : null;
    }

    private static Func<FakeResource, bool> Build(JsonElement node)
    {
        var op = node.GetProperty("operator").GetString();
        switch (op)
        {
            case "and":
            case "or":
                var parts = node.GetProperty("operands").EnumerateArray().Select(Build).ToList();
                return op == "and" ? r => parts.All(p => p(r)) : r => parts.Any(p => p(r));
            case "exact":
            case "contains":
            case "in":
                var field = Field(node.GetProperty("field").GetString());
                var value = node.GetProperty("value");
                return op switch
                {
                    "exact" => r => string.Equals(field(r), value.GetString(), StringComparison.Ordinal),
                    "contains" => r => field(r) is { } f && f.Contains(value.GetString() ?? string.Empty, StringComparison.OrdinalIgnoreCase),
                    _ => InFilter(field, value),
                };
            default:
                throw new FormatException($"Unsupported operator '{op}'.");
        }
    }

    private static Func<FakeResource, bool> InFilter(Func<FakeResource, string?> field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("'in' needs a list value.");
        }

        var set = value.EnumerateArray().Select(v => v.GetString()).ToHashSet(StringComparer.Ordinal);
        return r => field(r) is { } f && set.Contains(f);
    }

    private static Func<FakeResource, string?> Field(string? name) => name switch
    {
        "title" => r => r.Title,
        "id" => r => r.Id,
        "native_type" => r => r.NativeType,
        "integration_id" or "integration" => r => r.IntegrationId,
        "type" or "entity_type" => r => r.EntityType,
        "title_full" => r => r.TitleFull,
        "parent_id" or "parent" => r => r.ParentId,
        _ => throw new FormatException($"Unsupported filter field '{name}'."),
    };
}
