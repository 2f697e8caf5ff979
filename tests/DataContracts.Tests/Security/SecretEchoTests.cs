using System.Collections.Immutable;

using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.Resilience;

using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Security;

/// <summary>A server that echoes the key back (in a Location or a next link) never gets it printed, reported, commented or summarised.</summary>
public class SecretEchoTests
{
    private const string Secret = HostileWorkspace.Secret;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Echoes => ["location", "next-path"];

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task AnEchoedKeyReachesNoOutputAndForeignUrlsShowOnlyTheirOrigin(string echo)
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync(Secret);
        server.PageSize = 1;
        switch (echo)
        {
            case "location":
                server.OnRequest = _ => new FakeResponse(302) { Headers = ImmutableDictionary<string, string>.Empty.Add("Location", $"https://user:{Secret}@evil.example:8443/{Secret}/next?key={Secret}") };
                break;
            default:
                server.RewriteNextLink = u => new UriBuilder(u) { Path = u.AbsolutePath.TrimEnd('/') + "/" + Secret + "/" }.Uri;
                break;
        }

        var summary = workspace.Combine("summary.md");
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);
        var (exit, stdout, stderr) = await RunCliAsync(workspace, server, summary, "check", "--changed-files", "changed.txt", "--report", "report.json", "--format", "github", "--verbosity", "detailed");

        Assert.Equal(ExitCodes.ServiceFailure, exit);
        Assert.True(server.Requests.Count > 0);
        var report = File.ReadAllText(workspace.Combine("report.json"));
        // The mask commands on standard error carry the value on purpose: the runner hides it from then on.
        var printed = string.Join('\n', stderr.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
        foreach (var text in new[] { stdout, printed, report, File.Exists(summary) ? File.ReadAllText(summary) : string.Empty })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(Secret), text, StringComparison.Ordinal);
        }

        if (echo == "location")
        {
            Assert.Contains("https://evil.example:8443", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("user:", stdout, StringComparison.Ordinal);
        }
        else
        {
            // The echo did reach a message, and was masked there.
            Assert.Contains("***", stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Issue 20, item 8: the variable <c>token_env</c> names is masked when the base's contract file names it; a
    /// pull request that names another variable (whose value is an ordinary word) cannot have it masked, which
    /// would hide that word everywhere in the job's log.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InActionsOnlyTheBasesTokenEnvIsMasked(bool onBase)
    {
        using var workspace = new ResilienceWorkspace();
        var path = workspace.Combine("datacontracts.yml");
        var original = File.ReadAllText(path);
        var named = original.Replace("secoda:\n", "secoda:\n  token_env: TEAM_SECODA_KEY\n", StringComparison.Ordinal);
        GitRepo.Init(workspace.Root);
        File.WriteAllText(path, onBase ? named : original);
        GitRepo.Run(workspace.Root, "add", "-A");
        GitRepo.Run(workspace.Root, "commit", "-q", "-m", "base");
        GitRepo.Run(workspace.Root, "update-ref", "refs/remotes/origin/main", "main"); // as actions/checkout fetches the base
        GitRepo.Run(workspace.Root, "checkout", "-q", "-b", "pr");
        File.WriteAllText(path, named);
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);
        GitRepo.Run(workspace.Root, "add", "-A");
        GitRepo.Run(workspace.Root, "commit", "-q", "-m", "pull request");
        await using var server = await StartAsync(Secret);

        var (_, _, stderr) = await RunCliAsync(workspace, server, null, "check", "--changed-files", "changed.txt");

        Assert.Equal(onBase, stderr.Contains("::add-mask::team-key-4c1d2e3f\n", StringComparison.Ordinal));
        Assert.Contains("::add-mask::" + Secret + "\n", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(ResilienceWorkspace workspace, FakeSecodaServer server, string? summary, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SECODA_API_TOKEN"] = Secret,
            ["TEAM_SECODA_KEY"] = "team-key-4c1d2e3f",
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_BASE_REF"] = "main",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
            ["DATACONTRACTS_RETRY_MAX_MS"] = "50",
        };
        var run = await CliRunner.RunAsync(workspace.Root, environment, null, args);
        return (run.ExitCode, run.Out, run.Error);
    }
}
