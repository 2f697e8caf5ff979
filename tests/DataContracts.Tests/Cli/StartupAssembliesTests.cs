using DataContracts.Diagnostics;
using DataContracts.GitHub;
using DataContracts.Hosting;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.Cli;

/// <summary>
/// Start-up is mostly assembly loading and JIT (docs/performance.md, "Cold start"), so the README's offline
/// sample check must not load the GitHub or Secoda adapters or their packages. The built CLI runs in its own
/// process with <see cref="StartupHook"/> listing what it loaded.
/// </summary>
public sealed class StartupAssembliesTests
{
    private static readonly string[] Adapters = ["DataContracts.GitHub", "DataContracts.Secoda", "Polly.Core", "System.Net.Http"];

    [Fact]
    public async Task ReadmeSampleCheck_Offline_LoadsNoAdapterNorHttpClient()
    {
        var (run, loaded) = await RunSampleAsync();

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("DataContracts.Core", loaded);
        Assert.Contains("YamlDotNet", loaded);
        Assert.All(Adapters, adapter => Assert.DoesNotContain(adapter, loaded));
    }

    [Fact]
    public async Task Comment_LoadsTheGitHubAdapter_AndSaysWhatIsMissing()
    {
        // The same probe sees the adapter when a run needs it: the test above cannot pass by seeing nothing.
        var (run, loaded) = await RunSampleAsync("--comment");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains(DiagnosticCodes.CommentWithoutToken.Code, run.All, StringComparison.Ordinal);
        Assert.Contains("DataContracts.GitHub", loaded);
        Assert.DoesNotContain("DataContracts.Secoda", loaded);
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("true", false, false)]
    [InlineData("TRUE", false, false)]
    [InlineData("false", false, false)]
    [InlineData(null, true, false)]
    [InlineData(null, false, true)]
    [InlineData("false", true, true)]
    public void GitHubSteps_AreNeeded_ExactlyWhenTheGitHubAdapterWouldDoSomething(string? actions, bool comment, bool requestReviewers)
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = actions });
        var options = new GitHubPublishOptions { Comment = comment, RequestReviewers = requestReviewers, MentionOwners = true };
        var context = GitHubContext.FromEnvironment(environment);

        var needed = GitHubSteps.AreNeeded(environment, new GitHubRequest(comment, requestReviewers, MentionOwners: true, PullRequest: 7));

        Assert.Equal(context.IsActions || options.WritesToPullRequest, needed);
    }

    private static async Task<(CliRunner.Run Run, HashSet<string> Loaded)> RunSampleAsync(params string[] extra)
    {
        using var folder = new TempFolder();
        var list = folder.Combine("loaded.txt");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.FileVariable] = list,
        };
        var run = await BuiltCli.RunAsync(
            RepositoryPaths.Root,
            environment,
            ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt", .. extra]);
        Assert.True(File.Exists(list), "The startup hook wrote no list of loaded assemblies: " + run.All);
        return (run, File.ReadAllLines(list).ToHashSet(StringComparer.Ordinal));
    }
}
