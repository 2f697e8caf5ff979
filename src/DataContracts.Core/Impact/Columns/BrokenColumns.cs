using System.Collections.Immutable;

namespace DataContracts.Impact.Columns;

/// <summary>
/// What change classification says about one changed source table: the catalog id of the table and the names
/// of its columns that the change breaks (removed or retyped). Added columns break nothing and are not listed.
/// </summary>
internal sealed record BrokenColumns(string SourceId, ImmutableArray<string> Columns);
