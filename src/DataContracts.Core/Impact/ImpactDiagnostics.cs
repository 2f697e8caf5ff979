namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor BlockingImpact =
        new("DC1001", Severity.Error, "Changed model has blocking downstream consumers");

    public static readonly DiagnosticDescriptor WarningImpact =
        new("DC1002", Severity.Warning, "Changed model has downstream consumers");

    public static readonly DiagnosticDescriptor AcknowledgedImpact =
        new("DC1003", Severity.Info, "All downstream consumers are acknowledged");

    public static readonly DiagnosticDescriptor ExpiredAcknowledgementMatched =
        new("DC1004", Severity.Warning, "An expired acknowledgement would have matched");

    public static readonly DiagnosticDescriptor TraversalTruncated =
        new("DC1005", Severity.Warning, "Lineage traversal stopped at max_depth");

    public static readonly DiagnosticDescriptor TableNotInCatalog =
        new("DC1006", Severity.Warning, "Changed model's table was not found in the catalog");

    public static readonly DiagnosticDescriptor CatalogUnavailableWarn =
        new("DC1008", Severity.Warning, "Catalog unavailable: models were not checked");

    public static readonly DiagnosticDescriptor ChangedFileNotAModel =
        new("DC1009", Severity.Info, "Changed files that are not models");

    public static readonly DiagnosticDescriptor ContractedFileUnmapped =
        new("DC1010", Severity.Error, "A file a contract names maps to no table");
}
