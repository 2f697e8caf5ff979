using System.Collections.Immutable;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Classification;

/// <summary>Everything known about one changed model: both sides and the column evidence of each.</summary>
internal sealed record ClassificationInput
{
    /// <summary>Production (state) or git-base facts; null when the node did not exist there.</summary>
    public NodeFacts? Base { get; init; }

    /// <summary>This change's facts; null when the node is gone (deleted, renamed away).</summary>
    public NodeFacts? Head { get; init; }

    /// <summary>
    /// True when both sides were rendered for the same target (same database and schema for the nodes they share):
    /// then a configured value written as Jinja can be compared by what it rendered to.
    /// </summary>
    public bool SameTarget { get; init; }

    /// <summary>True when there is a base to compare with at all (a state manifest, a git base or base catalog columns).</summary>
    public bool HasBase { get; init; }

    /// <summary>Column evidence of the base, strongest first.</summary>
    public ImmutableArray<ColumnSet> BaseColumns { get; init; } = [];

    /// <summary>Column evidence of the head, strongest first.</summary>
    public ImmutableArray<ColumnSet> HeadColumns { get; init; } = [];
}
