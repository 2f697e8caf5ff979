using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary>
/// A bug of the tool exits <see cref="ExitCodes.InternalError"/>, never <see cref="ExitCodes.InvalidInput"/>: the
/// built CLI, in its own process, meets an exception it cannot expect (the test's startup hook breaks standard output).
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public async Task AnUnexpectedException_ExitsInternalError_WithDC9001AndNoStackTrace()
    {
        var run = await RunSampleCheckAsync(broken: true);

        Assert.True(run.ExitCode == ExitCodes.InternalError, run.All);
        Assert.Contains($"error {DiagnosticCodes.InternalError.Code}: unexpected NotSupportedException", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("broken by the test", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRun_WithoutTheHook_Passes()
    {
        // The test above cannot pass by the sample failing on its own.
        var run = await RunSampleCheckAsync(broken: false);

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        Assert.DoesNotContain(DiagnosticCodes.InternalError.Code, run.All, StringComparison.Ordinal);
    }

    private static Task<CliRunner.Run> RunSampleCheckAsync(bool broken) => BuiltCli.RunAsync(
        RepositoryPaths.Root,
        new Dictionary<string, string?>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.BrokenStdoutVariable] = broken ? "1" : null,
        },
        ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt"]);
}
