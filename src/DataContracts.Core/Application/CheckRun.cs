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

    /// <summary>check, impact or snapshot: messages name what did not finish.</summary>
    public string Command { get; init; } = "check";

    /// <summary>The caller's own token: cancelled by Ctrl+C, never by the run's deadline.</summary>
    public CancellationToken UserCancellation { get; init; }

    /// <summary>True when <paramref name="runToken"/> was cancelled by the deadline rather than by the caller.</summary>
    public bool DeadlinePassed(CancellationToken runToken) => runToken.IsCancellationRequested && !UserCancellation.IsCancellationRequested;

    /// <summary>The contract file's full path; results show it workspace-relative.</summary>
    public string ContractDisplayPath => Contracts.Path;

    public static async Task<CheckRun> PrepareAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        var today = request.ResolveToday();
        var contractPath = ContractLocator.Locate(request.WorkingDirectory, request.ContractsPath);
        var contracts = ContractFileReader.Read(contractPath, today);
        var workspace = ContractLocator.FindRepositoryRoot(contracts.Directory) ?? contracts.Directory;
        var collector = await ModelCollector.OpenAsync(request, contracts, workspace, cancellationToken).ConfigureAwait(false);
        return new CheckRun { Request = request, Contracts = contracts, WorkspaceRoot = workspace, Today = today, Collector = collector };
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

        if (Request.ChangedFilesText is not null)
        {
            return ChangedFilesList.Parse(Request.ChangedFilesText, "-", WorkspaceRoot);
        }

        if (Request.ChangedFilesPath is not null)
        {
            return await ChangedFilesList.ReadAsync(Path.GetFullPath(Request.ChangedFilesPath, Request.WorkingDirectory), WorkspaceRoot, cancellationToken).ConfigureAwait(false);
        }

        var baseRef = Request.BaseRef
            ?? (Request.Environment.Get("GITHUB_BASE_REF") is { } prBase ? "origin/" + prBase : "origin/HEAD");
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
}
