namespace DataContracts.Mapping;

/// <summary>A column as one source of evidence knows it; <see cref="Type"/> is null when that source has no types (SQL).</summary>
internal sealed record ColumnFact(string Name, string? Type);
