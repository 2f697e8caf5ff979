using DataContracts.Mapping;

namespace DataContracts.Catalog;

/// <summary>
/// The one rule, shared by the live and the offline catalog, for which resource a table name means:
/// database, schema and name compared case-insensitively (dbt writes <c>orders</c>, Snowflake stores
/// <c>ORDERS</c>), parts missing on either side match anything, and an integration id, when given, must match.
/// </summary>
internal static class TableMatching
{
    /// <summary>Tables and views; resources whose type the server did not say are given the benefit of the doubt.</summary>
    public static bool IsTableLike(CatalogResource resource) =>
        resource.EntityType.ToLowerInvariant() is "table" or "view" or "unknown";

    public static bool Matches(TableName requested, CatalogResource resource, string? integrationId) =>
        IsTableLike(resource)
        && (string.IsNullOrEmpty(integrationId) || string.Equals(resource.IntegrationId, integrationId, StringComparison.OrdinalIgnoreCase))
        && requested.Matches(resource.AsTable ?? new TableName(null, null, resource.Title));

    /// <summary>
    /// The best match and how many matched. Exact-case matches win, then the order is by database, schema and
    /// id so that the live and offline catalogs pick the same one.
    /// </summary>
    public static (CatalogResource? Best, int Count) Pick(TableName requested, IEnumerable<CatalogResource> candidates, string? integrationId)
    {
        var matches = candidates
            .Where(c => Matches(requested, c, integrationId))
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .OrderByDescending(c => string.Equals(c.Title, requested.Name, StringComparison.Ordinal))
            .ThenBy(c => c.Database, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Schema, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        return (matches.FirstOrDefault(), matches.Count);
    }
}
