namespace DataContracts.Diagnostics;

/// <summary>DC1040–DC1049: column-level impact.</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor BrokenColumnNotInCatalog =
        new("DC1040", Severity.Warning, "A broken column is not in the catalog");

    public static readonly DiagnosticDescriptor ColumnLineageUnknown =
        new("DC1041", Severity.Info, "Column lineage unknown: consumers counted as breaking");
}
