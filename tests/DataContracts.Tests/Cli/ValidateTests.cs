using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary><c>datacontracts validate</c>: what the reader cannot know without the workspace.</summary>
public class ValidateTests
{
    [Fact]
    public async Task ReportsGlobsThatMatchNothingUnknownModelsAndExpiredAcknowledgements()
    {
        using var w = new SampleWorkspace();
        w.Write("datacontracts.yml", w.Read("datacontracts.yml")
            .Replace("models: [\"models/orders.sql\"]", "models: [\"models/marts/orders.sql\", \"no_such_model\"]", StringComparison.Ordinal)
            .Replace("expires: 2099-12-31", "expires: 2026-01-31", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(w.Path, null, null, "validate", "--format", "msbuild");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("datacontracts.yml(22,14): warning DC8010", StringComparison.Ordinal) && l.Contains("models/marts/orders.sql", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("warning DC8010", StringComparison.Ordinal) && l.Contains("no_such_model", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains("warning DC2030", StringComparison.Ordinal)));

        var strict = await CliRunner.RunAsync(w.Path, null, null, "validate", "--warnings-as-errors");
        Assert.Equal(ExitCodes.ContractViolation, strict.ExitCode);
    }
}
