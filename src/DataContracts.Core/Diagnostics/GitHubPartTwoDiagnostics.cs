namespace DataContracts.Diagnostics;

/// <summary>DC705x: the required check for forks, review requests, and which comments are ours.</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor PullRequestHeadMismatch =
        new("DC7050", Severity.Error, "The pull request's head is not the workflow run's head");

    public static readonly DiagnosticDescriptor WorkflowRunWithoutHead =
        new("DC7051", Severity.Error, "The workflow_run event does not name a head commit");

    public static readonly DiagnosticDescriptor GitHubForeignHost =
        new("DC7052", Severity.Error, "GitHub pointed the tool to another host");

    public static readonly DiagnosticDescriptor ReviewRequestFailed =
        new("DC7053", Severity.Warning, "A review could not be requested");

    public static readonly DiagnosticDescriptor ReviewsRequested =
        new("DC7054", Severity.Info, "Reviews requested from contract owners");

    public static readonly DiagnosticDescriptor OwnerNotAHandle =
        new("DC7055", Severity.Warning, "A contract owner names no GitHub user or team");

    public static readonly DiagnosticDescriptor CommitStatusFailed =
        new("DC7056", Severity.Warning, "The commit status could not be written");

    public static readonly DiagnosticDescriptor CommitStatusWritten =
        new("DC7057", Severity.Info, "Verdict written as a commit status");

    public static readonly DiagnosticDescriptor DuplicateCommentRemoved =
        new("DC7058", Severity.Info, "A racing run's duplicate comment was removed");
}
