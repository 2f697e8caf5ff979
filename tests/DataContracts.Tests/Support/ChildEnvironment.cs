using System.Diagnostics;

namespace DataContracts.Tests.Support;

/// <summary>
/// The one place that decides what a child process started by a test inherits. A test may itself run inside
/// GitHub Actions, on a CI server, or in a shell with a real Secoda key: the tool reads those variables and
/// would then post comments, call the real API or change its output. Only what the test sets may reach it.
/// </summary>
internal static class ChildEnvironment
{
    /// <summary>Families the tool (or the Actions runner around it, or the git it runs) reads.</summary>
    private static readonly string[] ToolPrefixes = ["GITHUB_", "SECODA_", "RUNNER_", "ACTIONS_", "DATACONTRACTS_", "GIT_"];

    /// <summary>Single variables that change what the tool prints.</summary>
    private static readonly string[] ToolNames = ["CI", "NO_COLOR"];

    /// <summary>Set by <c>dotnet test</c>, by the CI or by MSBuildLocator in this very process; a child build must not inherit them.</summary>
    private static readonly string[] BuildPrefixes = ["MSBUILD", "DOTNET_HOST_PATH", "VSTEST", "TESTINGPLATFORM"];

    /// <summary>Removes every inherited variable the tool reads, then applies <paramref name="environment"/>.</summary>
    public static void Apply(ProcessStartInfo info, IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        foreach (var name in info.Environment.Keys.Where(IsToolVariable).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }
    }

    /// <summary>As <see cref="Apply"/>, and also what would make a child <c>dotnet build</c> reuse this process's MSBuild or leave servers behind.</summary>
    public static void ApplyForBuild(ProcessStartInfo info, IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        foreach (var name in info.Environment.Keys.Where(k => BuildPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(name);
        }

        // No build servers or reused nodes may outlive the test.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        Apply(info, environment);
    }

    internal static bool IsToolVariable(string name) =>
        ToolPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || ToolNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase));
}
