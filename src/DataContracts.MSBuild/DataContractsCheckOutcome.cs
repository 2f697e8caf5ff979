using System.Globalization;
using Microsoft.Build.Framework;

namespace DataContracts.MSBuild;

/// <summary>
/// Gives one project the result of the build's single check (DataContracts.MSBuild.Check.proj): its verdict as
/// <c>DataContractsResult</c> and a copy of the report in the project's own <c>obj/</c>.
/// </summary>
/// <remarks>
/// The diagnostics themselves were logged once, by the check, so they are not logged again here: a failing
/// check lists each error once however many projects of the build reference the package.
/// </remarks>
public sealed class DataContractsCheckOutcome : Microsoft.Build.Utilities.Task
{
    /// <summary>What the check returned: at most one item (none when the check could not start).</summary>
    public ITaskItem[] Outcome { get; set; } = [];

    /// <summary>
    /// The check failed and has logged why. Otherwise it succeeded, and an outcome without a verdict of
    /// <c>pass</c> or <c>warn</c> cannot be taken for one: it is an error here, never a silent pass.
    /// </summary>
    public bool CheckFailed { get; set; }

    /// <summary>The project's copy of the report.</summary>
    [Required]
    public string ReportFile { get; set; } = string.Empty;

    /// <summary>The verdict: <c>pass</c>, <c>warn</c>, <c>fail</c> or <c>error</c>.</summary>
    [Output]
    public string Result { get; private set; } = "error";

    /// <inheritdoc />
    public override bool Execute()
    {
        var outcome = Outcome.FirstOrDefault();
        Result = outcome?.GetMetadata("Result") is { Length: > 0 } result ? result : "error";
        var count = outcome?.GetMetadata("Diagnostics") is { Length: > 0 } n ? n : "0";
        var report = outcome?.GetMetadata("Report") ?? string.Empty;

        // A report of an earlier build must never be mistaken for this one's.
        var path = Path.GetFullPath(ReportFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var where = "no report";
        if (report.Length > 0)
        {
            File.WriteAllText(path, report);
            where = "report: " + ReportFile;
        }

        // Normal, not high: at the default verbosity a solution of many projects stays quiet when the check
        // passes; its errors and warnings are shown at every verbosity anyway.
        Log.LogMessage(
            MessageImportance.Normal,
            string.Format(CultureInfo.InvariantCulture, "datacontracts: {0} ({1} diagnostic(s), listed once in this build); {2}", Result, count, where));
        if (!CheckFailed && Result is not ("pass" or "warn"))
        {
            var help = string.Format(CultureInfo.InvariantCulture, MSBuildCodes.HelpLinkFormat, MSBuildCodes.ToolFailed);
            Log.LogError("DataContracts", MSBuildCodes.ToolFailed, helpKeyword: null, help, file: null, 0, 0, 0, 0,
                $"The build's DataContracts check succeeded without a passing verdict ('{Result}'), so its result cannot be trusted. Hint: build with -v:d to see the check's output, or run 'datacontracts check' by hand.");
            Result = "error";
            return false;
        }

        return true;
    }
}
