using System.Diagnostics;

namespace DataContracts.Tests.Support;

/// <summary>The built <c>datacontracts</c> in its own process, with a clean environment plus the simulated job's.</summary>
public static class BuiltCli
{
    public static Task<CliRunner.Run> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunCommandAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "datacontracts.dll"), .. args], workingDirectory, environment);

    /// <summary>Any build of the command (an installed tool's executable, say) in its own process, the same way.</summary>
    public static async Task<CliRunner.Run> RunCommandAsync(string command, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test may itself run inside Actions: only the simulated job's variables may reach the tool.
        ChildEnvironment.Apply(info, environment);

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRunner.Run(process.ExitCode, await stdout, await stderr);
    }
}
