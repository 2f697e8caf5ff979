using System.Collections.Immutable;

namespace DataContracts.Fakes;

/// <summary>A resource the fake serves. <see cref="EntityType"/> is Secoda's <c>entity_type</c>.</summary>
public sealed record FakeResource(string Id, string Title)
{
    public string EntityType { get; init; } = "table";

    public string? NativeType { get; init; } = "table";

    public string? Database { get; init; }

    public string? Schema { get; init; }

    public string? IntegrationId { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>Secoda's <c>parent</c>: a column's table (or parent column), a table's schema; filterable as <c>parent_id</c>.</summary>
    public string? ParentId { get; init; }

    /// <summary>A column's data type, served as Secoda documents it: the column's <c>type</c> field.</summary>
    public string? DataType { get; init; }

    public string? TitleFull => string.Join('.', new[] { Database, Schema, Title }.Where(p => !string.IsNullOrEmpty(p)));
}

/// <summary>A stored lineage row, exactly as the fake returns it.</summary>
public sealed record FakeLineageRow(string Id, string From, string To, string? Direction);

/// <summary>How lineage rows name their ends: 2023 docs, 2025 docs, or nested objects.</summary>
public enum LineageFieldStyle
{
    FromEntity,
    FromEntityId,
    Nested,

    /// <summary>Field names no client knows (<c>source_id</c>/<c>target_id</c>): an API change the client must not read as "no lineage".</summary>
    Unfamiliar,
}

/// <summary>One request the fake received. <see cref="Route"/> has the <c>/api/v1</c> prefix removed.</summary>
public sealed record FakeRequest(
    int Sequence,
    string Method,
    string Route,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Query,
    string? Authorization,
    bool Authorized)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// What a fault hook returns to replace the normal answer. <see cref="Abort"/> resets the connection;
/// <see cref="Delay"/> waits before answering (or before aborting).
/// </summary>
public sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json")
{
    public TimeSpan Delay { get; init; }

    public bool Abort { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = ImmutableDictionary<string, string>.Empty;
}
