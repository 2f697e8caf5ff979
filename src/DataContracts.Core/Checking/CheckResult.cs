using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Diagnostics;

namespace DataContracts.Checking;

public enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
    Error,
}

public enum ImpactVerdict
{
    Fail,
    Warn,
    Acknowledged,
    Off,
}

/// <summary>The one immutable answer of a check; every report renders only this.</summary>
public sealed record CheckResult
{
    public required CheckOutcome Outcome { get; init; }

    /// <summary>The command that produced this result: check, impact, validate or snapshot; reports word themselves by it.</summary>
    public string Command { get; init; } = "check";

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

    /// <summary>The contract file's <c>owners_map</c>: owner emails (as Secoda gives them) to GitHub handles, keys ignoring case.</summary>
    public ImmutableDictionary<string, string> OwnersMap { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>For <see cref="CheckOutcome.Error"/>: whether the input or a service was at fault.</summary>
    public bool ServiceFailed { get; init; }

    /// <summary>The process exit code. <c>impact</c> is exploration: what it finds never fails it, only errors do.</summary>
    public int ExitCode => Outcome switch
    {
        CheckOutcome.Fail when Command == "impact" => ExitCodes.Success,
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
public sealed record ChangeEntry
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

public sealed record ImpactSource
{
    public string? Table { get; init; }

    public string? SecodaId { get; init; }

    public string? Contract { get; init; }

    public ImmutableArray<string> Models { get; init; } = [];

    /// <summary>Why the model counts as changed (file edited, macro changed, properties yml), so reviewers see the cause.</summary>
    public string? Reason { get; init; }

    /// <summary>The changed file to point annotations and MSBuild errors at.</summary>
    public required string File { get; init; }

    public int Line { get; init; } = 1;

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>The class of the change (the worst of the models building this table); the verdict follows from it.</summary>
    public ChangeClassification? Classification { get; init; }
}

public sealed record ImpactEntry
{
    public required ImpactSource Source { get; init; }

    public required ImpactVerdict Verdict { get; init; }

    public required ImmutableArray<DownstreamEntry> Downstream { get; init; }

    /// <summary>Column-level impact, when the change breaks named columns of the source; null otherwise.</summary>
    public ColumnSummary? Columns { get; init; }

    /// <summary>Consumers that column lineage shows do not read a broken column (<c>breaks: false</c>), not ignored.</summary>
    public int Spared => Downstream.Count(d => d.Breaks == false && !d.Ignored);
}

/// <summary>The broken columns of a source, and per column who reads it (resource ids, sorted).</summary>
public sealed record ColumnSummary
{
    public required ImmutableArray<ColumnReaders> Broken { get; init; }

    /// <summary>Why no consumer could be spared, when none could; null when the column answer is complete.</summary>
    public string? Unknown { get; init; }
}

public sealed record ColumnReaders(string Column, ImmutableArray<string> Readers);

public sealed record DownstreamEntry
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Type { get; init; }

    public string? NativeType { get; init; }

    public string? Url { get; init; }

    public required int Depth { get; init; }

    /// <summary>The path from the source to this node's parent (ids), source first.</summary>
    public ImmutableArray<string> Via { get; init; } = [];

    public bool Acknowledged { get; init; }

    public string? AcknowledgedReason { get; init; }

    public bool Ignored { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary><c>db.schema.name</c> when the resource is a table.</summary>
    public string? FullName { get; init; }

    /// <summary>
    /// Column-level impact, when the source's change breaks named columns: true (reads a broken column), false
    /// (spared: reads the source only through intact columns), null (unknown, counted as breaking).
    /// </summary>
    public bool? Breaks { get; init; }

    /// <summary><c>catalog</c>, <c>dbt</c> or <c>catalog+dbt</c>: which lineage found it.</summary>
    public string Origin { get; init; } = "catalog";

    /// <summary>How people should see it: <c>db.schema.name</c> for tables, the title otherwise.</summary>
    public string DisplayName => FullName ?? Title;

    /// <summary>A model this same change rebuilds: listed apart, not a consumer.</summary>
    public bool ChangedHere { get; init; }

    /// <summary>Counts toward the verdict: neither ignored, acknowledged, nor changed in this same change.</summary>
    public bool Counts => !Ignored && !Acknowledged && !ChangedHere;
}

public sealed record CheckStats
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
public sealed record Coverage
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
