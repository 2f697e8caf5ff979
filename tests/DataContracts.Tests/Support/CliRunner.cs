using DataContracts.Hosting;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.Support;

/// <summary>Runs the real command tree in-process, with its own working folder, environment and standard streams.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;
    }

    public static async Task<Run> RunAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(stdin ?? string.Empty),
            WorkingDirectory = workingDirectory,
            Environment = new DictionaryEnvironment(environment ?? new Dictionary<string, string?>()),
            Today = new DateOnly(2026, 11, 28),
        };
        var exit = await DataContractsCli.InvokeAsync(args, context, TestContext.Current.CancellationToken);
        return new Run(exit, output.ToString(), error.ToString());
    }
}
