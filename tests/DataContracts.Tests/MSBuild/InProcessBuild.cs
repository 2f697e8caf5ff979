using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace DataContracts.Tests.MSBuild;

/// <summary>One build by the SDK's MSBuild in this process, with what it logged (tests in <see cref="MSBuildCollection"/> only).</summary>
internal static class InProcessBuild
{
    public static InProcessBuildOutcome Run(string project, IDictionary<string, string> globals, params string[] targets)
    {
        var logger = new RecordingLogger();
        using var collection = new ProjectCollection();
        var parameters = new BuildParameters(collection) { Loggers = [logger], DisableInProcNode = false, EnableNodeReuse = false, MaxNodeCount = 1 };
        var request = new BuildRequestData(project, globals, null, targets, null, BuildRequestDataFlags.ClearCachesAfterBuild);
        var result = BuildManager.DefaultBuildManager.Build(parameters, request);
        return new InProcessBuildOutcome(result.OverallResult, logger.Errors, logger.Warnings, logger.CheckRuns);
    }

    /// <summary>The package's build/ files and task assembly from source, laid out as packed (build/, tasks/net8.0/), under <paramref name="folder"/>.</summary>
    public static void LayOutPackage(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "DataContracts.MSBuild", "build")))
        {
            Copy(file, Path.Combine(folder, "build", Path.GetFileName(file)));
        }

        Copy(typeof(DataContracts.MSBuild.DataContractsCheck).Assembly.Location, Path.Combine(folder, "tasks", "net8.0", "DataContracts.MSBuild.dll"));
    }

    /// <summary>
    /// The build runs in this process, so the CLI it starts would inherit this process's CI variables (a real
    /// token, a pull request's base): each is set empty for it, through the targets' test seam.
    /// </summary>
    public static string ClearedToolVariables() => string.Join(
        '|',
        System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(ChildEnvironment.IsToolVariable).Select(name => name + "="));

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public int CheckRuns { get; private set; }

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.ErrorRaised += (_, e) => Errors.Add(e);
            eventSource.WarningRaised += (_, e) => Warnings.Add(e);
            eventSource.TaskStarted += (_, e) =>
            {
                if (e.TaskName.EndsWith("DataContractsCheck", StringComparison.Ordinal))
                {
                    CheckRuns++;
                }
            };
        }

        public void Shutdown()
        {
        }
    }
}

/// <summary>What an in-process build ended with and logged; <see cref="CheckRuns"/> counts the DataContractsCheck task's runs.</summary>
internal sealed record InProcessBuildOutcome(BuildResultCode Code, IReadOnlyList<BuildErrorEventArgs> Errors, IReadOnlyList<BuildWarningEventArgs> Warnings, int CheckRuns);
