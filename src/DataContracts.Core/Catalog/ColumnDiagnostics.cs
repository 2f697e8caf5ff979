namespace DataContracts.Diagnostics;

/// <summary>DC6060–DC6079: column resources and column lineage in the catalog.</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor SecodaColumnsUnavailable =
        new("DC6060", Severity.Warning, "Secoda did not list the columns of a table");

    public static readonly DiagnosticDescriptor SecodaForeignColumns =
        new("DC6061", Severity.Warning, "Secoda returned resources that are not the table's columns");
}
