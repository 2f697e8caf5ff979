using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DataContracts.MSBuild;

/// <summary>
/// Runs <c>datacontracts check</c> out of process and turns its JSON report into MSBuild errors and warnings
/// with <c>DC</c> codes, the model file and line, and a help link.
/// </summary>
/// <remarks>
/// Out of process because the check does network I/O and loads YamlDotNet, Polly and their dependencies,
/// none of which belong in a long-lived MSBuild node; a child process also gives a hard timeout and Ctrl+C.
/// The report, not the console, is the source of errors: it is a versioned document, so a message that
/// happens to contain "error" or parentheses cannot be misread, and each diagnostic keeps its hint and code.
/// The console is kept for the log (low importance) and as the fallback when no report was written.
/// </remarks>
public sealed class DataContractsCheck : ToolTask
{
    private readonly List<string> output = [];
    private readonly Stopwatch clock = new();
    private string reportPath = string.Empty;
    private string? reportText;
    private int diagnosticCount;

    /// <summary>Full path of the packaged <c>datacontracts.dll</c>.</summary>
    [Required]
    public string ToolAssembly { get; set; } = string.Empty;

    /// <summary>
    /// Where the CLI writes its JSON report (<c>--report</c>). Empty: a temporary file, deleted after the run;
    /// the report then reaches the projects only through <see cref="Outcome"/>.
    /// </summary>
    public string? ReportFile { get; set; }

    /// <summary>The CLI's working folder, where it looks for <c>datacontracts.yml</c> when no contract file is named.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The contract file; empty lets the CLI look for <c>datacontracts.yml</c> itself.</summary>
    public string? ContractsFile { get; set; }

    /// <summary>Base of the git diff (<c>--base</c>).</summary>
    public string? BaseRef { get; set; }

    /// <summary>An explicit changed-files list (<c>--changed-files</c>), for CI systems without git history.</summary>
    public string? ChangedFiles { get; set; }

    /// <summary>The dbt manifest (<c>--manifest</c>).</summary>
    public string? Manifest { get; set; }

    /// <summary>A catalog snapshot used instead of the Secoda API (<c>--catalog-snapshot</c>).</summary>
    public string? CatalogSnapshot { get; set; }

    /// <summary>Production's dbt artifacts folder (<c>--state</c>).</summary>
    public string? State { get; set; }

    /// <summary>SQLCMD variables of the database projects, <c>NAME=VALUE</c> each (<c>--sqlcmd-var</c>); the CLI checks them (DC5108).</summary>
    public string[]? SqlCmdVariables { get; set; }

    /// <summary>Warnings fail the build too; they are logged as errors.</summary>
    public bool WarningsAsErrors { get; set; }

    /// <summary>The CLI's overall deadline in seconds (<c>--timeout</c>); the process is stopped 30 s later.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>The verdict: <c>pass</c>, <c>warn</c>, <c>fail</c> or <c>error</c>.</summary>
    [Output]
    public string Result { get; private set; } = "error";

    /// <summary>
    /// The run for the projects that asked for it (DataContracts.MSBuild.Check.proj returns it): metadata
    /// <c>Result</c>, <c>Diagnostics</c> (their count) and <c>Report</c> (the JSON report, empty without one).
    /// </summary>
    [Output]
    public ITaskItem Outcome { get; private set; } = new TaskItem("datacontracts");

    /// <inheritdoc />
    protected override string ToolName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>The arguments given to <c>dotnet</c>, for tests.</summary>
    internal string CommandLine => GenerateCommandLineCommands();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            return Run();
        }
        finally
        {
            Outcome = RunOutcome();
            if (string.IsNullOrEmpty(ReportFile) && reportPath.Length > 0)
            {
                File.Delete(reportPath);
            }
        }
    }

    private bool Run()
    {
        if (!File.Exists(ToolAssembly))
        {
            LogCoded(isError: true, MSBuildCodes.ToolNotFound, file: null, 0, 0,
                $"The DataContracts tool was not found at '{ToolAssembly}'. Hint: restore the DataContracts.MSBuild package again, or set DataContractsToolPath to the datacontracts.dll of DataContracts.Tool.");
            return false;
        }

        if (TimeoutSeconds > 0)
        {
            // The CLI stops itself at its deadline (DC8003); this is the backstop for a process that hangs anyway.
            Timeout = checked((TimeoutSeconds + 30) * 1000);
        }

        // A report left by an earlier run must never be mistaken for this run's.
        reportPath = string.IsNullOrEmpty(ReportFile)
            ? Path.Combine(Path.GetTempPath(), "datacontracts-" + Guid.NewGuid().ToString("N") + ".json")
            : Path.GetFullPath(ReportFile);
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.Delete(reportPath);

        clock.Restart();
        var success = base.Execute();
        return success && !Log.HasLoggedErrors;
    }

    private TaskItem RunOutcome()
    {
        var result = new TaskItem("datacontracts");
        ITaskItem2 item = result;

        // Literal, not escaped: the report quotes model files and catalog titles, which may hold '%', '$' or ';'.
        item.SetMetadataValueLiteral("Result", Result);
        item.SetMetadataValueLiteral("Diagnostics", diagnosticCount.ToString(CultureInfo.InvariantCulture));
        item.SetMetadataValueLiteral("Report", reportText ?? string.Empty);
        return result;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() => DotNetHost.Find() ?? ToolName;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendFileNameIfNotNull(ToolAssembly);
        builder.AppendTextUnquoted(" check --format msbuild");
        builder.AppendSwitchIfNotNull("--report ", reportPath.Length > 0 ? reportPath : ReportFile);

        AppendPath(builder, "--contracts ", ContractsFile);
        AppendText(builder, "--base ", BaseRef);
        AppendPath(builder, "--changed-files ", ChangedFiles);
        AppendPath(builder, "--manifest ", Manifest);
        AppendPath(builder, "--catalog-snapshot ", CatalogSnapshot);
        AppendPath(builder, "--state ", State?.TrimEnd('/', '\\'));
        // The list reaches the task through a global property of the check's project, where its ';' may stay escaped: split here too.
        foreach (var variable in (SqlCmdVariables ?? []).SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            AppendText(builder, "--sqlcmd-var ", variable);
        }
        if (WarningsAsErrors)
        {
            builder.AppendSwitch("--warnings-as-errors");
        }

        if (TimeoutSeconds > 0)
        {
            builder.AppendSwitch("--timeout " + TimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    protected override string GetWorkingDirectory() =>
        WorkingDirectory is { Length: > 0 } folder ? Path.GetFullPath(folder)
        : BuildEngine?.ProjectFileOfTaskNode is { Length: > 0 } project ? Path.GetDirectoryName(Path.GetFullPath(project))! : Directory.GetCurrentDirectory();

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        // Errors come from the report; the console only goes to the detailed log, unless no report is written.
        lock (output)
        {
            output.Add(singleLine);
        }

        Log.LogMessage(MessageImportance.Low, singleLine);
    }

    /// <inheritdoc />
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
        var report = CheckReport.TryRead(reportPath, out var problem);
        if (report is not null)
        {
            LogReport(report);
            reportText = report.Json;
            diagnosticCount = report.Diagnostics.Count;
        }
        else if (exitCode == -1 && Timeout != System.Threading.Timeout.Infinite && clock.ElapsedMilliseconds >= Timeout)
        {
            Result = "error";
            LogCoded(isError: true, MSBuildCodes.ToolTimedOut, file: null, 0, 0,
                $"The DataContracts check did not finish within {Timeout / 1000} s and was stopped. Hint: raise DataContractsTimeout, or check the Secoda API's reachability.");
        }
        else
        {
            Result = "error";
            ReplayOutput();
            var hint = exitCode == MSBuildCodes.ToolInternalErrorExitCode
                ? "this is a bug in DataContracts (DC9001), not the project's fault; please report it with the command line from the detailed log."
                : $"the tool needs the .NET 10 runtime; run it by hand with 'dotnet \"{ToolAssembly}\" check' to see why.";
            LogCoded(isError: true, MSBuildCodes.ToolFailed, file: null, 0, 0,
                $"The DataContracts tool exited with code {exitCode} and {problem}. {LastLines()}Hint: {hint}");
        }

        return exitCode;
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors() =>

        // Everything worth saying was logged from the report or the fallback; ToolTask's generic MSB6006 adds nothing.
        !Log.HasLoggedErrors && base.HandleTaskExecutionErrors();

    /// <summary>Logs each diagnostic of a report: errors as errors, warnings as warnings (or errors), info as messages.</summary>
    internal void LogReport(CheckReport report)
    {
        Result = report.Result;
        var contract = string.IsNullOrEmpty(ContractsFile) ? null : Path.GetFullPath(ContractsFile, GetWorkingDirectory());
        var root = report.ReportedWorkspaceRoot is { Length: > 0 } reported && Path.IsPathRooted(reported) ? reported
            : contract is null ? GetWorkingDirectory() : report.WorkspaceRoot(contract);
        foreach (var d in report.Diagnostics)
        {
            var message = OneLine(d.Hint is { Length: > 0 } ? $"{d.Message} Hint: {d.Hint}" : d.Message);
            var file = d.File is { Length: > 0 } ? Path.GetFullPath(OneLine(d.File), root) : null;
            switch (d.Severity)
            {
                case "error":
                    LogCoded(isError: true, d.Code, file, d.Line, d.Column, message);
                    break;
                case "warning":
                    LogCoded(isError: WarningsAsErrors, d.Code, file, d.Line, d.Column, message);
                    break;
                default:
                    Log.LogMessage(MessageImportance.Normal, $"datacontracts: {d.Code}: {message}");
                    break;
            }
        }

        var where = string.IsNullOrEmpty(ReportFile) ? string.Empty : "; report: " + ReportFile;
        Log.LogMessage(MessageImportance.Normal, $"datacontracts: {report.Result} ({report.Diagnostics.Count} diagnostic(s)){where}");
    }

    /// <summary>
    /// Report text quotes the catalog and file names: cleaned by the same sanitiser as the CLI's reports, so no
    /// part of it can start a line of its own (a CI runner reads a line starting with <c>::</c> as a command),
    /// carry a terminal escape, or reorder what is shown.
    /// </summary>
    private static string OneLine(string text) => PrintableText.Value(text);

    private void LogCoded(bool isError, string code, string? file, int line, int column, string message)
    {
        var help = string.Format(CultureInfo.InvariantCulture, MSBuildCodes.HelpLinkFormat, code);
        if (isError)
        {
            Log.LogError("DataContracts", code, helpKeyword: null, help, file, line, column, 0, 0, message);
        }
        else
        {
            Log.LogWarning("DataContracts", code, helpKeyword: null, help, file, line, column, 0, 0, message);
        }
    }

    /// <summary>Without a report, canonical lines the CLI printed (argument errors, DC9001) still become errors.</summary>
    private void ReplayOutput()
    {
        foreach (var line in output)
        {
            if (line.Contains(": error DC", StringComparison.Ordinal) || line.Contains(": warning DC", StringComparison.Ordinal))
            {
                Log.LogMessageFromText(line, MessageImportance.High);
            }
        }
    }

    private string LastLines()
    {
        var tail = output.Where(l => l.Trim().Length > 0).TakeLast(3).ToList();
        return tail.Count == 0 ? string.Empty : "Its last output: " + string.Join(" | ", tail) + ". ";
    }

    private static void AppendPath(CommandLineBuilder builder, string option, string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            builder.AppendSwitchIfNotNull(option, Path.GetFullPath(path));
        }
    }

    private static void AppendText(CommandLineBuilder builder, string option, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            builder.AppendSwitchIfNotNull(option, value);
        }
    }
}
