namespace DataContracts.Diagnostics;

/// <summary>
/// All diagnostic codes. Each pipeline stage declares its own range in its own file
/// (this class is partial) so the codes stay next to the code that raises them:
/// DC1xxx impact and policy verdicts, DC2xxx contract file, DC3xxx changes and git,
/// DC4xxx dbt, DC5xxx plain SQL, DC6xxx catalog (Secoda, snapshot), DC7xxx GitHub,
/// DC8xxx command line, MSBuild and reports, DC9xxx internal errors.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>Every declared descriptor, found by reflection so no list has to be kept by hand.</summary>
    /// <remarks>
    /// Computed on each call: a static initializer here could run before the fields declared in the other
    /// partial files are set (their order is unspecified) and would then see nulls.
    /// </remarks>
    public static IReadOnlyList<DiagnosticDescriptor> All =>
        typeof(DiagnosticCodes)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();

    public static readonly DiagnosticDescriptor InternalError =
        new("DC9001", Severity.Error, "Unexpected internal error");
}
