namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor GitHubUnauthorized =
        new("DC7001", Severity.Error, "GitHub rejected the token");

    public static readonly DiagnosticDescriptor GitHubForbidden =
        new("DC7002", Severity.Error, "GitHub refused the request");

    public static readonly DiagnosticDescriptor GitHubRateLimited =
        new("DC7003", Severity.Error, "GitHub rate limit reached");

    public static readonly DiagnosticDescriptor GitHubCommentRejected =
        new("DC7004", Severity.Error, "GitHub rejected the comment body");

    public static readonly DiagnosticDescriptor GitHubUnavailable =
        new("DC7005", Severity.Error, "GitHub could not be reached");

    public static readonly DiagnosticDescriptor GitHubNotFound =
        new("DC7006", Severity.Error, "Repository or pull request not found on GitHub");

    public static readonly DiagnosticDescriptor CommentWithoutPullRequest =
        new("DC7010", Severity.Warning, "No pull request to comment on");

    public static readonly DiagnosticDescriptor CommentWithoutToken =
        new("DC7011", Severity.Warning, "No GitHub token or repository for the comment");

    public static readonly DiagnosticDescriptor GitHubEventUnreadable =
        new("DC7012", Severity.Warning, "The GitHub event payload cannot be read");

    public static readonly DiagnosticDescriptor CommentPosted =
        new("DC7013", Severity.Info, "Pull request comment posted");

    public static readonly DiagnosticDescriptor ActionsFileNotWritten =
        new("DC7020", Severity.Warning, "A GitHub Actions file cannot be written");

    public static readonly DiagnosticDescriptor ChangesFromPullRequest =
        new("DC7030", Severity.Info, "Changed files taken from the pull request");
}
