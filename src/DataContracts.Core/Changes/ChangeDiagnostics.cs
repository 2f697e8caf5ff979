namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor NotAGitRepository =
        new("DC3001", Severity.Error, "Not a git repository");

    public static readonly DiagnosticDescriptor UnknownGitRef =
        new("DC3002", Severity.Error, "Git reference not found");

    public static readonly DiagnosticDescriptor ShallowClone =
        new("DC3003", Severity.Error, "Git history is missing (shallow clone)");

    public static readonly DiagnosticDescriptor GitFailed =
        new("DC3004", Severity.Error, "git failed");

    public static readonly DiagnosticDescriptor GitNotInstalled =
        new("DC3005", Severity.Error, "git is not installed");

    public static readonly DiagnosticDescriptor ChangedFilesListUnreadable =
        new("DC3010", Severity.Error, "Changed-files list cannot be read");

    public static readonly DiagnosticDescriptor ChangedFilesListEmpty =
        new("DC3011", Severity.Error, "Changed-files list is empty");

    public static readonly DiagnosticDescriptor ChangedFilesListBadLine =
        new("DC3012", Severity.Error, "Changed-files list has a line that is not a path");
}
