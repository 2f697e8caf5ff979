using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Hosting;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// The command line end to end inside a simulated GitHub Actions job: the jaffle_shop sample (offline catalog
/// snapshot) copied to a temp folder, the fake GitHub on loopback, and the Actions files in the temp folder.
/// </summary>
public sealed class CheckCommandGitHubTests : IDisposable
{
    private const string Breaking = "M\tmodels/orders.sql\n";
    private const string Harmless = "M\tREADME.md\n";

    private readonly TempFolder folder = new();

    public CheckCommandGitHubTests()
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);
        folder.Write("event.json", """{ "action": "synchronize", "number": 7, "pull_request": { "number": 7, "base": { "ref": "main" }, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } } }""");
    }

    private string Project => folder.Combine("project");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThreeRunsKeepOneCommentAmong45ThatIsCreatedEditedThenResolved(bool builtCli)
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 45);
        Func<FakeGitHubServer, string, Task<(int Exit, string Out, string Error)>> runCheck = builtCli
            ? (s, changes) => RunBuiltCliAsync(s, changes)
            : (s, changes) => this.RunAsync(s, changes);

        var run1 = await runCheck(server, Breaking);
        var first = Assert.Single(Ours(server));
        Assert.Equal(ExitCodes.ContractViolation, run1.Exit);
        Assert.Equal(46, server.CommentsOn(FakeGitHub.PullRequest).Count);
        Assert.Contains("DataContracts: FAIL", first.Body, StringComparison.Ordinal);
        Assert.Contains("(contract orders)", first.Body, StringComparison.Ordinal);

        var run2 = await runCheck(server, Breaking);
        var second = Assert.Single(Ours(server));
        Assert.Equal(ExitCodes.ContractViolation, run2.Exit);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(0, server.Requests.Count(r => r.Method == "PATCH")); // same content: not edited
        Assert.Contains("DataContracts: FAIL", second.Body, StringComparison.Ordinal);

        var run3 = await runCheck(server, Harmless);
        var third = Assert.Single(Ours(server));
        Assert.Equal(ExitCodes.Success, run3.Exit);
        Assert.Equal(first.Id, third.Id);
        Assert.Contains("DataContracts: resolved", third.Body, StringComparison.Ordinal);

        Assert.Equal(46, server.CommentsOn(FakeGitHub.PullRequest).Count);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST"));
        Assert.All(server.CommentsOn(FakeGitHub.PullRequest).Where(c => c.User != server.BotLogin), c => Assert.StartsWith("Review note", c.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActionsFilesAnnotationsAndMasksAreWrittenAutomatically()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);

        var run = await RunAsync(server, Breaking, comment: false);

        Assert.Equal(ExitCodes.ContractViolation, run.Exit);
        var outputs = ActionsFiles.ParseOutputs(File.ReadAllText(folder.Combine("github_output")));
        Assert.Equal("fail", outputs["result"]);
        Assert.True(int.Parse(outputs["impacted-count"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(folder.Combine("report.json"), outputs["report-path"]);
        Assert.True(File.Exists(outputs["report-path"]));
        Assert.Contains("DataContracts: FAIL", File.ReadAllText(folder.Combine("step_summary.md")), StringComparison.Ordinal);
        Assert.Contains("::error file=models/orders.sql,line=", run.Out, StringComparison.Ordinal);
        Assert.Contains("::add-mask::" + server.Token, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token, run.Out, StringComparison.Ordinal);
        Assert.Empty(Ours(server));
    }

    [Fact]
    public async Task ACommentThatCannotBePostedKeepsTheVerdictsExitCodeAndSaysSo()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 3);
        server.OnRequest = r => r.Method == "POST" ? FakeGitHubResponse.ReadOnlyToken() : null;

        var without = await RunAsync(server, Breaking, comment: false);
        var with = await RunAsync(server, Breaking);

        Assert.Equal(ExitCodes.ContractViolation, without.Exit);
        Assert.Equal(without.Exit, with.Exit);
        Assert.Contains(DiagnosticCodes.GitHubForbidden.Code, with.Out, StringComparison.Ordinal);
        Assert.Contains("verdict and the exit code are unchanged", with.Out, StringComparison.Ordinal);
        Assert.Equal("fail", ActionsFiles.ParseOutputs(File.ReadAllText(folder.Combine("github_output")))["result"]);
        Assert.DoesNotContain(server.Token, with.Out, StringComparison.Ordinal);
        // The token reaches standard error only in the runner's mask command, which must be there.
        var withToken = with.Error.Split('\n').Where(l => l.Contains(server.Token, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withToken);
        Assert.All(withToken, l => Assert.StartsWith("::add-mask::", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APassingRunStaysPassingWhenGitHubRejectsTheToken()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 1);
        server.AddComment(FakeGitHub.PullRequest, server.BotLogin, CommentMarker.For("datacontracts.yml") + "\nold");

        var run = await RunAsync(server, Harmless, token: "ghp_expired_token_value");

        Assert.Equal(ExitCodes.Success, run.Exit);
        Assert.Contains(DiagnosticCodes.GitHubUnauthorized.Code, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_expired_token_value", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private async Task<(int Exit, string Out, string Error)> RunBuiltCliAsync(FakeGitHubServer server, string changedFiles)
    {
        var (environment, args) = Job(server, changedFiles, comment: true, token: null);
        var run = await BuiltCli.RunAsync(Project, environment, args);
        return (run.ExitCode, run.Out, run.Error);
    }

    private (Dictionary<string, string?> Environment, string[] Args) Job(FakeGitHubServer server, string changedFiles, bool comment, string? token)
    {
        var list = folder.Write("changed-files.txt", changedFiles);
        var environment = FakeGitHub.Environment(server, token);
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_EVENT_PATH"] = folder.Combine("event.json");
        environment["GITHUB_STEP_SUMMARY"] = folder.Combine("step_summary.md");
        environment["GITHUB_OUTPUT"] = folder.Combine("github_output");
        environment["GITHUB_RUN_ID"] = "4242";
        File.WriteAllText(folder.Combine("github_output"), string.Empty);
        string[] args = ["check", "--changed-files", list, "--report", folder.Combine("report.json"), .. comment ? new[] { "--comment" } : []];
        return (environment, args);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(FakeGitHubServer server, string changedFiles, bool comment = true, string? token = null)
    {
        var (environment, args) = Job(server, changedFiles, comment, token);

        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_EVENT_PATH"] = folder.Combine("event.json");
        environment["GITHUB_STEP_SUMMARY"] = folder.Combine("step_summary.md");
        environment["GITHUB_OUTPUT"] = folder.Combine("github_output");
        environment["GITHUB_RUN_ID"] = "4242";
        File.WriteAllText(folder.Combine("github_output"), string.Empty);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = Project,
            Environment = new DictionaryEnvironment(environment),
            Today = new DateOnly(2026, 6, 1),
        };
        var exit = await DataContractsCli.InvokeAsync(args, context, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static List<FakeGitHubComment> Ours(FakeGitHubServer server) =>
        [.. server.CommentsOn(FakeGitHub.PullRequest).Where(c => CommentMarker.IsMarked(c.Body, CommentMarker.For("datacontracts.yml")))];
}
