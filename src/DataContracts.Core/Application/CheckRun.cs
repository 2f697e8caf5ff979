using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>What every command resolves first: the contract file, the workspace, the date, the models.</summary>
internal sealed record CheckRun
{
    public required CheckRequest Request { get; init; }

    public required ContractFile Contracts { get; init; }

    /// <summary>Full path that changed-file paths are relative to: the git top level, else the contract folder.</summary>
    public required string WorkspaceRoot { get; init; }

    public required DateOnly Today { get; init; }

    public required ModelCollector Collector { get; init; }

    public int MaxDepth => Request.MaxDepth ?? Contracts.Policy.MaxDepth;

    /// <summary>The contract file's policy and <c>--warnings-as-errors</c>: every fail, warn or pass decision of the run.</summary>
    public Policy Policy => new(Contracts.Policy, Request.WarningsAsErrors, Today);

    /// <summary>Which command runs: what is classified, and what messages name as not finished.</summary>
    public CommandKind Command { get; init; } = CommandKind.Check;

    /// <summary>The pull request's head as GitHub serves it, where the checkout is not the head (the fork-safe pair); else null.</summary>
    public ForkHead? ForkHead { get; init; }

    /// <summary>The caller's own token: cancelled by Ctrl+C, never by the run's deadline.</summary>
    public CancellationToken UserCancellation { get; init; }

    /// <summary>True when <paramref name="runToken"/> was cancelled by the deadline rather than by the caller.</summary>
    public bool DeadlinePassed(CancellationToken runToken) => runToken.IsCancellationRequested && !UserCancellation.IsCancellationRequested;

    /// <summary>The contract file's full path; results show it workspace-relative.</summary>
    public string ContractDisplayPath => Contracts.Path;

    /// <summary>
    /// The owners the base's contract file names (<see cref="PolicyFromBase"/>), the only ones review requests may go
    /// to; null when the base was not compared (locally, or <c>validate</c>).
    /// </summary>
    public ImmutableHashSet<string>? TrustedOwners { get; init; }

    /// <summary>
    /// Reads the contract file and opens the projects it names. With <paramref name="policyFromBase"/> (a check), the
    /// file is first compared with the base's, so a pull request cannot shrink what is looked at (dbt project,
    /// SQL paths, database projects) any more than it can waive the policy.
    /// </summary>
    public static async Task<CheckRun> PrepareAsync(CheckRequest request, CancellationToken cancellationToken, bool policyFromBase = false)
    {
        var today = request.ResolveToday();
        var contractPath = ContractLocator.Locate(request.WorkingDirectory, request.ContractsPath);
        var contracts = ContractFileReader.Read(contractPath, today);
        BaseComparison? comparison = null;
        if (policyFromBase)
        {
            comparison = await PolicyFromBase.ApplyAsync(request, contracts, cancellationToken).ConfigureAwait(false);
            contracts = comparison.Contracts with { Diagnostics = comparison.Contracts.Diagnostics.AddRange(comparison.Diagnostics) };
        }

        var workspace = ContractLocator.FindRepositoryRoot(contracts.Directory) ?? contracts.Directory;
        var collector = await ModelCollector.OpenAsync(request, contracts, workspace, cancellationToken).ConfigureAwait(false);
        return new CheckRun { Request = request, Contracts = contracts, WorkspaceRoot = workspace, Today = today, Collector = collector, TrustedOwners = comparison?.TrustedOwners };
    }

    /// <summary>The changed files: an explicit list when given, else git; only those inside the repository.</summary>
    public async Task<ChangeSet> DetectChangesAsync(CancellationToken cancellationToken) =>
        RepositoryConfinement.Confine(await DetectAnyChangesAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    private async Task<ChangeSet> DetectAnyChangesAsync(CancellationToken cancellationToken)
    {
        if ((Request.ChangedFilesText is not null || Request.ChangedFilesPath is not null) && (Request.BaseRef is not null || Request.HeadRef is not null))
        {
            throw new InputException(DiagnosticCodes.InvalidArgument.Create(
                "--changed-files replaces git, so --base and --head cannot be used with it.",
                hint: "Pass either --changed-files or --base/--head."));
        }

        if (Request.PullRequestFiles is { IsAuthoritative: true } pullRequestFiles)
        {
            // The fork-safe pair: the list on disk is a fork's artifact and the checkout is the default branch.
            var listed = await ReadExplicitListAsync(cancellationToken).ConfigureAwait(false);
            return await pullRequestFiles.ReadVerifiedAsync(WorkspaceRoot, listed, cancellationToken).ConfigureAwait(false);
        }

        if (await ReadExplicitListAsync(cancellationToken).ConfigureAwait(false) is { } explicitList)
        {
            return explicitList;
        }

        var baseRef = Request.ResolveBaseRef();
        try
        {
            return await GitChangeDetector.DetectAsync(Contracts.Directory, baseRef, Request.HeadRef, cancellationToken).ConfigureAwait(false);
        }
        catch (InputException e) when (Request.PullRequestFiles is { } pullRequest && Request.BaseRef is null && Request.HeadRef is null && pullRequest.CanReplace(e))
        {
            // A shallow checkout in Actions: the pull request knows its own files even when git history does not.
            return await pullRequest.ReadAsync(WorkspaceRoot, e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ChangeSet?> ReadExplicitListAsync(CancellationToken cancellationToken) =>
        Request.ChangedFilesText is not null ? ChangedFilesList.Parse(Request.ChangedFilesText, "-", WorkspaceRoot)
        : Request.ChangedFilesPath is not null ? await ChangedFilesList.ReadAsync(Path.GetFullPath(Request.ChangedFilesPath, Request.WorkingDirectory), WorkspaceRoot, cancellationToken).ConfigureAwait(false)
        : null;
}
