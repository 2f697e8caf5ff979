using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Security;

/// <summary>Catalog text and file names never start a workflow command or reach the terminal as escapes, in any human format.</summary>
public class WorkflowCommandInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("github")]
    [InlineData("text")]
    [InlineData("msbuild")]
    [InlineData("markdown")]
    public async Task HostileTitlesOwnersAndFileNamesStartNoWorkflowCommand(string format)
    {
        using var workspace = HostileWorkspace.Create();
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);
        HostileWorkspace.Seed(server);

        var run = await HostileWorkspace.RunToolAsync(workspace.Path, server, null, "check", "--changed-files", "changed.txt", "--format", format, "--verbosity", "detailed");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        // The hostile dashboard is reported (so the test sees its text), but only as data on a line of ours.
        if (format != "msbuild")
        {
            Assert.Contains("pwned", run.Output, StringComparison.Ordinal);
        }

        Assert.Empty(HostileWorkspace.InjectedCommands(run.Output));
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u0007', run.Output);
        if (format is "github" or "text")
        {
            Assert.Contains("endtoken.sql", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APrintableValueKeepsItsTextAndLosesItsBreaksAndEscapes()
    {
        var value = DataContracts.Text.PrintableText.Value("a\r\nb\u001b[1;31mc\u001b]0;title\u0007d\u2028e\u202Ef\tg\u0000");

        Assert.Equal("a  bcd ef g", value);
        Assert.Equal("text\n    \\::error x\n\\##[group]y\nz::w", DataContracts.Text.PrintableText.Lines("text\n    ::error x\n##[group]y\nz::w"));
    }
}
