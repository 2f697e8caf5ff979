namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor PathOutsideRepository =
        new("DC3030", Severity.Warning, "Path leads outside the repository");

    public static readonly DiagnosticDescriptor FileTooLarge =
        new("DC3031", Severity.Error, "File is larger than the read limit");
}
