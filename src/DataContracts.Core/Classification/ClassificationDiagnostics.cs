namespace DataContracts.Diagnostics;

/// <summary>Production state, dbt catalogs and change classification (DC1020–DC1039, DC4040–DC4059).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor NonBreakingImpact =
        new("DC1020", Severity.Warning, "Non-breaking changes have downstream consumers");

    public static readonly DiagnosticDescriptor StateNotFound =
        new("DC4040", Severity.Warning, "Production state not found");

    public static readonly DiagnosticDescriptor DbtCatalogNotFound =
        new("DC4041", Severity.Error, "dbt catalog.json not found");

    public static readonly DiagnosticDescriptor DbtCatalogInvalid =
        new("DC4042", Severity.Error, "dbt catalog.json cannot be read");
}
