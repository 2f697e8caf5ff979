namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor PathOutsideRepository =
        new("DC3030", Severity.Warning, "Path leads outside the repository");

    public static readonly DiagnosticDescriptor FileTooLarge =
        new("DC3031", Severity.Error, "File is larger than the read limit");

    public static readonly DiagnosticDescriptor ChangedFileUnreadable =
        new("DC3041", Severity.Warning, "Changed file cannot be read safely");

    public static readonly DiagnosticDescriptor UnreadableChangeNotMapped =
        new("DC3042", Severity.Error, "Changed file cannot be read safely nor mapped");

    public static readonly DiagnosticDescriptor ContractPathOutsideRepository =
        new("DC3043", Severity.Error, "A path in the contract file leads outside the repository");

    public static readonly DiagnosticDescriptor FileNotRegular =
        new("DC3040", Severity.Error, "Path is not a regular file");
}
