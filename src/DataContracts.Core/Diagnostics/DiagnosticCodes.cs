namespace DataContracts.Diagnostics;

/// <summary>
/// All diagnostic codes. Each pipeline stage declares its own range in its own file
/// (this class is partial) so the codes stay next to the code that raises them:
/// DC1xxx impact and policy verdicts, DC2xxx contract file, DC3xxx changes and git,
/// DC4xxx dbt, DC5xxx plain SQL, DC6xxx catalog (Secoda, snapshot), DC7xxx GitHub,
/// DC8xxx command line, MSBuild and reports, DC9xxx internal errors.
/// </summary>
internal static partial class DiagnosticCodes
{
    // Lazy: static fields of a partial class initialize in an order that depends on file order.
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(DiagnosticCodes)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray());

    /// <summary>Every declared descriptor, found by reflection so no list has to be kept by hand.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    public static readonly DiagnosticDescriptor InternalError =
        new("DC9001", Severity.Error, "Unexpected internal error");
}
