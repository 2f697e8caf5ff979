using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// Everything one check needs, already mapped from the shell's inputs (CLI options, MSBuild properties,
/// Action inputs). Null means "not given": the core applies environment, contract file and defaults.
/// </summary>
internal sealed record CheckRequest
{
    /// <summary>Folder the command runs in; relative paths in the request are relative to it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The contract file; null means <c>datacontracts.yml</c> in the working folder or the repository root.</summary>
    public string? ContractsPath { get; init; }

    public string? BaseRef { get; init; }

    public string? HeadRef { get; init; }

    /// <summary>Path of an explicit changed-files list; replaces git.</summary>
    public string? ChangedFilesPath { get; init; }

    /// <summary>The text of a changed-files list read by the shell (standard input); replaces git.</summary>
    public string? ChangedFilesText { get; init; }

    public string? ManifestPath { get; init; }

    /// <summary>The base branch's manifest (dbt's <c>--state</c>): maps deleted and renamed models exactly.</summary>
    public string? BaseManifestPath { get; init; }

    /// <summary>Production artifacts folder (dbt's <c>--state</c>): manifest.json, optional catalog.json. Overrides <c>dbt.state</c>.</summary>
    public string? StatePath { get; init; }

    /// <summary>The head's dbt catalog.json. Overrides <c>dbt.catalog</c>.</summary>
    public string? DbtCatalogPath { get; init; }

    public string? CatalogSnapshotPath { get; init; }

    /// <summary><c>--sqlcmd-var NAME=VALUE</c> as given (checked by the core, DC5109): they win over <c>sqlproj.variables</c> and the project's defaults.</summary>
    public ImmutableArray<string> SqlCmdVariables { get; init; } = [];

    public int? MaxDepth { get; init; }

    public bool WarningsAsErrors { get; init; }

    /// <summary>
    /// In CI, whether the base's contract policy is checked where the change loosens it (<see cref="PolicyFromBase"/>);
    /// null: <c>DATACONTRACTS_POLICY_FROM_BASE</c>, else on.
    /// </summary>
    public bool? PolicyFromBase { get; init; }

    /// <summary>
    /// In the fork-safe pair, use the head manifest's compiled SQL and the head catalog as given once the manifest's
    /// SQL matched GitHub's files (<see cref="HeadArtifactCheck"/>); by default changes are classified on the files alone.
    /// </summary>
    public bool TrustHeadArtifacts { get; init; }

    /// <summary>Overall deadline for the whole run.</summary>
    public TimeSpan? Timeout { get; init; }

    public string? CacheDirectory { get; init; }

    /// <summary>Explicit targets for <c>impact</c>: model paths, dbt names, db.schema.table or Secoda ids. Empty for <c>check</c>.</summary>
    public ImmutableArray<string> Targets { get; init; } = [];

    /// <summary>
    /// The variables the run reads (tokens, CI detection, overrides). Required so nothing reads the real process
    /// environment by accident: the shells pass <see cref="ProcessEnvironment.Instance"/>, tests their own.
    /// </summary>
    public required IEnvironment Environment { get; init; }

    /// <summary>"Today" for acknowledgement expiry; injectable so tests are stable. Null: today by <see cref="Time"/>.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>
    /// The clock: "now" (cache age, snapshot time, today), the run's elapsed time and the waits the catalog client
    /// chooses (retry backoff, Retry-After). The shell passes <see cref="TimeProvider.System"/>; tests pass their own.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary><see cref="Today"/> when given, else the UTC date by <see cref="Time"/>.</summary>
    public DateOnly ResolveToday() => Today ?? DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary><see cref="BaseRef"/> when given, else the pull request's base in GitHub Actions, else <see cref="GitChangeDetector.DefaultBase"/>.</summary>
    public string ResolveBaseRef() =>
        BaseRef ?? (Environment.Get("GITHUB_BASE_REF") is { } prBase ? "origin/" + prBase : GitChangeDetector.DefaultBase);

    /// <summary>The pull request's file list, used when git history is missing (shallow clone in Actions); null outside a pull request.</summary>
    public IPullRequestFiles? PullRequestFiles { get; init; }

    /// <summary>Receives a short line for each stage of long work; the CLI shows it on a terminal only.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Fetches production state named as a source (<c>github-artifact:</c>, <c>dbt-cloud:</c>); the shell supplies it. Null: sources are only parsed (validate).</summary>
    public State.IStateFetcher? StateFetcher { get; init; }

    /// <summary>Opens the live catalog; the shell supplies it (the Secoda client). Null: only snapshots can be used.</summary>
    public ICatalogConnector? CatalogConnector { get; init; }
}
