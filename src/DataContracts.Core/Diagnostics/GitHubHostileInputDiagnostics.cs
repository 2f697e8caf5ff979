namespace DataContracts.Diagnostics;

/// <summary>DC706x: what a fork's artifacts or a hostile answer from GitHub cannot do (issue 20).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ChangedFilesNotThePullRequests =
        new("DC7060", Severity.Error, "The changed-files list is not the pull request's");

    public static readonly DiagnosticDescriptor PullRequestTooLargeToVerify =
        new("DC7061", Severity.Error, "The pull request has more files than GitHub lists");

    public static readonly DiagnosticDescriptor GitHubPaginationLoop =
        new("DC7062", Severity.Error, "A GitHub listing does not end");

    public static readonly DiagnosticDescriptor GitHubDeadlineExceeded =
        new("DC7063", Severity.Warning, "The GitHub steps did not finish before the deadline");

    public static readonly DiagnosticDescriptor ReviewersNotRequested =
        new("DC7064", Severity.Warning, "Some owners were not asked for a review");

    public static readonly DiagnosticDescriptor HeadManifestNotThePullRequests =
        new("DC7065", Severity.Error, "The head manifest does not match the pull request's files");

    public static readonly DiagnosticDescriptor HeadArtifactsVerified =
        new("DC7066", Severity.Info, "A fork's dbt artifacts were checked against GitHub");
}
