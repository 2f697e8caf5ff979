namespace DataContracts.MSBuild;

/// <summary>
/// The codes only the MSBuild integration emits (DC8100–DC8199). They live here, not in the core's
/// <c>DiagnosticCodes</c>, because the task never loads the core: it runs the CLI out of process.
/// </summary>
public static class MSBuildCodes
{
    /// <summary>DC8101: the packaged CLI is not where <c>DataContractsToolPath</c> says.</summary>
    public const string ToolNotFound = "DC8101";

    /// <summary>DC8102: the CLI exited without writing its JSON report.</summary>
    public const string ToolFailed = "DC8102";

    /// <summary>DC8103: the CLI outlived <c>DataContractsTimeout</c> and was stopped.</summary>
    public const string ToolTimedOut = "DC8103";

    /// <summary>DC8104: the build runs on .NET Framework MSBuild, which cannot load the task (emitted by the targets).</summary>
    public const string UnsupportedMSBuild = "DC8104";

    /// <summary>The CLI's exit code for a bug of its own (<c>ExitCodes.InternalError</c>, DC9001): the hint then says so.</summary>
    public const int ToolInternalErrorExitCode = 4;

    /// <summary>Every code above, with the title its documentation page starts with.</summary>
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>
    {
        [ToolNotFound] = "The DataContracts tool was not found",
        [ToolFailed] = "The DataContracts tool failed without a report",
        [ToolTimedOut] = "The DataContracts tool did not finish in time",
        [UnsupportedMSBuild] = "The check needs the .NET SDK's MSBuild",
    };

    /// <summary>Where each code's page lives; MSBuild shows it as the error's help link.</summary>
    public const string HelpLinkFormat = "https://github.com/datacontracts/datacontracts/blob/main/docs/diagnostics/{0}.md";
}
