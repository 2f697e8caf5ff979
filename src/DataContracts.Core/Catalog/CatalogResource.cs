using System.Collections.Immutable;
using DataContracts.Mapping;

namespace DataContracts.Catalog;

/// <summary>A catalog entity (table, view, dashboard, chart, job, …) with what a report needs to show it.</summary>
internal sealed record CatalogResource
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Secoda <c>entity_type</c>: table, dashboard, chart, job, …</summary>
    public string EntityType { get; init; } = "unknown";

    /// <summary>The source system's own type (<c>view</c>, <c>Dataset</c>, <c>workbook</c>, …).</summary>
    public string? NativeType { get; init; }

    public string? Database { get; init; }

    public string? Schema { get; init; }

    public string? IntegrationId { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>The owning resource: a column's table (or, for a nested column, its parent column).</summary>
    public string? ParentId { get; init; }

    /// <summary>True for a column resource (Secoda <c>entity_type</c> <c>column</c>).</summary>
    public bool IsColumn => string.Equals(EntityType, "column", StringComparison.OrdinalIgnoreCase);

    /// <summary>For a column: its data type as the catalog reports it.</summary>
    public string? DataType { get; init; }

    /// <summary>The relation when this resource is a table-like entity with a schema.</summary>
    public TableName? AsTable => Schema is null && Database is null ? null : new TableName(Database, Schema, Title);
}
