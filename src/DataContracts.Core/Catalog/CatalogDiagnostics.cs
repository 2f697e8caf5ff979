namespace DataContracts.Diagnostics;

/// <summary>DC6xxx: the catalog (the Secoda API client and the catalog snapshot file).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor SecodaUnauthorized =
        new("DC6001", Severity.Error, "Secoda refused the API key");

    public static readonly DiagnosticDescriptor SecodaForbidden =
        new("DC6002", Severity.Error, "Secoda denied access");

    public static readonly DiagnosticDescriptor SecodaNotFound =
        new("DC6003", Severity.Error, "Secoda endpoint not found");

    public static readonly DiagnosticDescriptor SecodaUnreachable =
        new("DC6004", Severity.Error, "Secoda could not be reached");

    public static readonly DiagnosticDescriptor SecodaRetriesExhausted =
        new("DC6005", Severity.Error, "Secoda kept failing after retries");

    public static readonly DiagnosticDescriptor SecodaBadResponse =
        new("DC6006", Severity.Error, "Secoda answered with something the API does not document");

    public static readonly DiagnosticDescriptor SecodaPaginationLoop =
        new("DC6007", Severity.Error, "Secoda pagination did not end");

    public static readonly DiagnosticDescriptor SecodaForeignHost =
        new("DC6008", Severity.Error, "Secoda pointed to another host");

    public static readonly DiagnosticDescriptor SecodaBudgetExhausted =
        new("DC6009", Severity.Error, "Secoda request budget exhausted");

    public static readonly DiagnosticDescriptor SecodaInvalidUrl =
        new("DC6010", Severity.Error, "Invalid Secoda API URL");

    public static readonly DiagnosticDescriptor SecodaMissingToken =
        new("DC6011", Severity.Error, "No Secoda API key");

    public static readonly DiagnosticDescriptor SecodaFallback =
        new("DC6012", Severity.Info, "Secoda endpoint fallback used");

    public static readonly DiagnosticDescriptor CatalogAmbiguousTable =
        new("DC6013", Severity.Warning, "Several catalog tables match one name");

    public static readonly DiagnosticDescriptor CatalogTuningInvalid =
        new("DC6014", Severity.Error, "Invalid catalog tuning variable");

    public static readonly DiagnosticDescriptor CatalogListingTruncated =
        new("DC6015", Severity.Warning, "The catalog listing stopped at Secoda's limit");

    public static readonly DiagnosticDescriptor SnapshotNotFound =
        new("DC6020", Severity.Error, "Catalog snapshot file not found");

    public static readonly DiagnosticDescriptor SnapshotInvalidJson =
        new("DC6021", Severity.Error, "Catalog snapshot is not valid JSON");

    public static readonly DiagnosticDescriptor SnapshotUnsupportedVersion =
        new("DC6022", Severity.Error, "Unsupported catalog snapshot version");

    public static readonly DiagnosticDescriptor SnapshotInvalidResource =
        new("DC6023", Severity.Error, "Catalog snapshot entry is incomplete");

    public static readonly DiagnosticDescriptor SnapshotUnknownLineageId =
        new("DC6024", Severity.Warning, "Catalog snapshot lineage names an unknown resource");

    public static readonly DiagnosticDescriptor SnapshotWriteFailed =
        new("DC6025", Severity.Error, "Catalog snapshot could not be written");

    public static readonly DiagnosticDescriptor SecodaPageTooLarge =
        new("DC6050", Severity.Error, "Secoda answer too large");

    public static readonly DiagnosticDescriptor SnapshotWrongShape =
        new("DC6030", Severity.Error, "Catalog snapshot has the wrong shape");

    public static readonly DiagnosticDescriptor SecodaLineageUnreadable =
        new("DC6031", Severity.Error, "Secoda lineage rows cannot be read");

    public static readonly DiagnosticDescriptor SnapshotCapturedNothing =
        new("DC6032", Severity.Warning, "The snapshot captured no tables");
}
