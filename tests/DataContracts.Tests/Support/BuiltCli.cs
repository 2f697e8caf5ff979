using System.Diagnostics;

namespace DataContracts.Tests.Support;

/// <summary>The built <c>datacontracts</c> in its own process, with a clean environment plus the simulated job's.</summary>
public static class BuiltCli
{
    public static async Task<CliRunner.Run> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "datacontracts.dll"));
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
