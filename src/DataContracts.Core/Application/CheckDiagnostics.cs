namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor NoContractFile =
        new("DC8001", Severity.Error, "No contract file found");

    public static readonly DiagnosticDescriptor NoCatalogConfigured =
        new("DC8002", Severity.Error, "No catalog configured");

    public static readonly DiagnosticDescriptor DeadlineExceeded =
        new("DC8003", Severity.Error, "The run exceeded its deadline");

    public static readonly DiagnosticDescriptor InvalidArgument =
        new("DC8004", Severity.Error, "Invalid command-line argument");

    public static readonly DiagnosticDescriptor ReportNotWritten =
        new("DC8005", Severity.Error, "The report file cannot be written");

    public static readonly DiagnosticDescriptor UnknownTarget =
        new("DC8006", Severity.Error, "Impact target not found");

    public static readonly DiagnosticDescriptor GlobMatchesNothing =
        new("DC8010", Severity.Warning, "A contract's model pattern matches nothing");

    public static readonly DiagnosticDescriptor ModelInSeveralContracts =
        new("DC8011", Severity.Warning, "A model is named by more than one contract");
}
