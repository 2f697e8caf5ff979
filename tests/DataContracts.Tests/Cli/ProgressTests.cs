using DataContracts.Hosting;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.Cli;

public class ProgressTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AProgressLineIsDrawnOnlyOnATerminalAndNeverMixesIntoTheReport(bool terminal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // The test process's own variables (a Secoda key, an Actions job) must not reach the command.
        var context = new CliContext { Out = output, Error = error, WorkingDirectory = RepositoryPaths.Root, IsErrorTerminal = terminal, Environment = DictionaryEnvironment.Empty };

        var exit = await DataContractsCli.InvokeAsync(
            ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt", "--format", "json"],
            context,
            TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.StartsWith("{", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(terminal, error.ToString().Contains("walking lineage downstream of 2 table(s)", StringComparison.Ordinal));
        if (terminal)
        {
            Assert.EndsWith("\r\u001b[2K", error.ToString(), StringComparison.Ordinal);
        }
    }
}
