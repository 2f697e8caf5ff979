using System.Globalization;
using Microsoft.Build.Framework;

namespace DataContracts.MSBuild;

/// <remarks>
/// Run once per build: a solution where several projects reference the package would otherwise run the same
/// check (same contract file, same diff, same catalog) once per project, paying the catalog walk each time and
/// listing every error once per project. The first project's result is kept for the rest of the build with
/// <see cref="IBuildEngine4.RegisterTaskObject"/> (build lifetime, as SourceLink keeps its git data); a later
/// project with the same inputs reuses it. Its errors and warnings were logged once, under the project that ran
/// the check, which fails; the others say where the result came from, take the same <see cref="Result"/> and
/// get a copy of the report, so a failing check still fails the build exactly once.
/// </remarks>
public sealed partial class DataContractsCheck
{
    private CheckReport? checkedReport;

    /// <summary>The project being built (<c>$(MSBuildProjectFullPath)</c>), named when a later project reuses its result.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>
    /// What decides the result: every argument given to the CLI except the report file, and the working folder
    /// when no contract file is named (the CLI then looks for one from there). The environment (token, pull
    /// request base) is the build's own and the same for every project of it.
    /// </summary>
    internal string RunKey()
    {
        var folder = string.IsNullOrEmpty(ContractsFile) ? GetWorkingDirectory() : string.Empty;
        return string.Join('\n', "DataContracts.MSBuild.Check/1", Arguments(withReport: false), folder);
    }

    private bool TryReuseEarlierCheck()
    {
        if (BuildEngine is not IBuildEngine4 engine ||
            engine.GetRegisteredTaskObject(RunKey(), RegisteredTaskObjectLifetime.Build) is not EarlierCheck earlier)
        {
            return false;
        }

        Result = earlier.Result;
        if (File.Exists(earlier.ReportFile))
        {
            File.Copy(earlier.ReportFile, ReportFile, overwrite: true);
        }

        Log.LogMessage(
            MessageImportance.High,
            string.Format(
                CultureInfo.InvariantCulture,
                "datacontracts: already checked in this build by {0}: {1} ({2} diagnostic(s), listed under that project); report: {3}",
                earlier.Project,
                earlier.Result,
                earlier.DiagnosticCount,
                ReportFile));
        return true;
    }

    private void RememberCheck()
    {
        // Only a check that produced a report is reused: a tool that crashed or timed out gets its own chance.
        if (checkedReport is not null && BuildEngine is IBuildEngine4 engine)
        {
            var project = ProjectFile is { Length: > 0 } file ? Path.GetFileName(file) : "another project";
            var earlier = new EarlierCheck(project, checkedReport.Result, checkedReport.Diagnostics.Count, Path.GetFullPath(ReportFile));
            engine.RegisterTaskObject(RunKey(), earlier, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        }
    }

    /// <summary>What a later project needs of the first run: who ran it, its verdict and its report.</summary>
    private sealed record EarlierCheck(string Project, string Result, int DiagnosticCount, string ReportFile);
}
