using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Application;

internal enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
    Error,
}

/// <summary>The one immutable answer of a check; every report renders only this.</summary>
internal sealed record CheckResult
{
    public required CheckOutcome Outcome { get; init; }

    /// <summary>The command that produced this result; reports word themselves by it.</summary>
    public CommandKind Command { get; init; } = CommandKind.Check;

    public required ImmutableArray<ChangeEntry> Changes { get; init; }

    public required ImmutableArray<ImpactEntry> Impacts { get; init; }

    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    public required CheckStats Stats { get; init; }

    public required Coverage Coverage { get; init; }

    /// <summary>Full path that every relative path in this result is relative to (the git top level, else the contract file's folder).</summary>
    public required string WorkspaceRoot { get; init; }

    /// <summary>The contract file, workspace-relative, for markers and messages.</summary>
    public string? ContractFile { get; init; }

    /// <summary>Where the catalog answers came from: an API base URL or a snapshot path.</summary>
    public string? CatalogSource { get; init; }

    /// <summary>The dbt manifest and production state the run used (paths workspace-relative), and where each came from.</summary>
    public DbtArtifacts Artifacts { get; init; } = DbtArtifacts.None;

    /// <summary>The contract file's <c>owners_map</c>: owner emails (as Secoda gives them) to GitHub handles, keys ignoring case.</summary>
    public ImmutableDictionary<string, string> OwnersMap { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>For <see cref="CheckOutcome.Error"/>: whether the input or a service was at fault.</summary>
    public bool ServiceFailed { get; init; }

    /// <summary>
    /// In CI, the GitHub handles (<c>@login</c>, <c>@org/team</c>, lower-case) that the base's contract file names as
    /// owners: the only ones a review may be requested from. Null when no comparison was made (outside CI).
    /// </summary>
    public ImmutableHashSet<string>? TrustedOwners { get; init; }

    /// <summary>The process exit code. <c>impact</c> is exploration: what it finds never fails it, only errors do.</summary>
    public int ExitCode => Outcome switch
    {
        CheckOutcome.Fail when Command == CommandKind.Impact => ExitCodes.Success,
        CheckOutcome.Fail => ExitCodes.ContractViolation,
        CheckOutcome.Error => ServiceFailed ? ExitCodes.ServiceFailure : ExitCodes.InvalidInput,
        _ => ExitCodes.Success,
    };

    /// <summary>A result for a run that stopped on bad input or an unusable service.</summary>
    public static CheckResult ForError(IEnumerable<Diagnostic> diagnostics, bool serviceFailed, CheckStats stats, string workspaceRoot) => new()
    {
        WorkspaceRoot = workspaceRoot,
        Outcome = CheckOutcome.Error,
        ServiceFailed = serviceFailed,
        Changes = [],
        Impacts = [],
        Diagnostics = [.. diagnostics],
        Stats = stats,
        Coverage = new Coverage { Answered = false },
    };

    public int ImpactedCount => Impacts.Where(i => i.Verdict is ImpactVerdict.Fail or ImpactVerdict.Warn)
        .SelectMany(i => i.Downstream).Where(d => d.Counts).Select(d => d.Id).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>One changed file and what it maps to (one entry per file and table).</summary>
internal sealed record ChangeEntry
{
    public required string File { get; init; }

    public required ChangeStatus Status { get; init; }

    public string? OldFile { get; init; }

    public ImmutableArray<string> Models { get; init; } = [];

    public string? Table { get; init; }

    public string? SecodaId { get; init; }

    public string? Contract { get; init; }

    /// <summary>Why this counts as a change of the model (body edit, macro, properties yml).</summary>
    public string? Reason { get; init; }

    /// <summary>Breaking, non-breaking or unknown, with evidence; null where nothing was classified (impact targets).</summary>
    public ChangeClassification? Classification { get; init; }

    /// <summary>Other changed models whose lineage reaches this one: it is rebuilt by this same change ("also changed here").</summary>
    public ImmutableArray<string> DownstreamOf { get; init; } = [];
}

internal sealed record CheckStats
{
    public int ChangedFiles { get; init; }

    public int MappedTables { get; init; }

    public int Unresolved { get; init; }

    public int ApiRequests { get; init; }

    public long ElapsedMs { get; init; }

    /// <summary><c>snapshot</c> only: resources and lineage edges written to the file.</summary>
    public int SnapshotResources { get; init; }

    public int SnapshotEdges { get; init; }
}

/// <summary>How complete the answer is: which models were checked against the catalog and which were not.</summary>
internal sealed record Coverage
{
    public ImmutableArray<string> Checked { get; init; } = [];

    public ImmutableArray<string> Unchecked { get; init; } = [];

    /// <summary>True when a traversal stopped at max_depth or at the request budget.</summary>
    public bool Truncated { get; init; }

    /// <summary>Models whose downstream walk the deadline or the request budget cut short: what was found is kept, more may exist.</summary>
    public ImmutableArray<string> Unfinished { get; init; } = [];

    /// <summary>False when the run stopped before it could check anything (an error result).</summary>
    public bool Answered { get; init; } = true;

    public bool IsComplete => Answered && Unchecked.IsEmpty && Unfinished.IsEmpty && !Truncated;
}
