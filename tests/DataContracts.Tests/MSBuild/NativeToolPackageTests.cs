using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;

using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Tests.GitHub;
using DataContracts.Tests.Impact.Columns;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// The tool as <c>dotnet tool install</c> gives it from the packed feed: on linux-x64 the Native AOT package (with
/// <c>DATACONTRACTS_TEST_NATIVE=1</c>, as CI runs; see <see cref="PackedFeed.Native"/>), else the portable one. Its
/// answers are compared with the framework-dependent build's (the command tree in-process) on the same input:
/// offline, live against the fake Secoda (the typed HttpClient), through the signed cache file, and
/// the sticky comment and review requests against the fake GitHub (the typed HttpClient and its source-generated
/// JSON). A difference here is a trimming or AOT fault no other test would see.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeToolPackageTests(PackedFeed feed) : IDisposable
{
    private const string Breaking = "M\tmodels/orders.sql\n";

    private readonly TempFolder temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnLinuxX64TheInstalledToolIsTheNativeExecutable()
    {
        var executable = await feed.InstallToolAsync();
        if (!PackedFeed.Native)
        {
            Assert.Skip("The native package is compiled only on linux-x64 with DATACONTRACTS_TEST_NATIVE=1 (.ci/run sets it); this run installed the portable package.");
        }

        var target = new FileInfo(executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? executable;
        Assert.Contains("datacontracts.tool.linux-x64", target, StringComparison.Ordinal);
        var magic = new byte[4];
        await using (var file = File.OpenRead(target))
        {
            await file.ReadExactlyAsync(magic, Ct);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    [Fact]
    public async Task OnMuslLinuxTheToolIsTheFrameworkDependentBuildBehindAMuslAppHost()
    {
        await feed.InstallToolAsync();
        if (!PackedFeed.Native)
        {
            Assert.Skip("The musl package is packed with the native one (DATACONTRACTS_TEST_NATIVE=1, as .ci/run sets it).");
        }

        var folder = temp.Combine("musl");
        ZipFile.ExtractToDirectory(Path.Combine(feed.Folder, "DataContracts.Tool.linux-musl-x64.0.1.0.nupkg"), folder);
        var tool = Path.Combine(folder, "tools", "net10.0", "linux-musl-x64");
        var command = XDocument.Load(Path.Combine(tool, "DotnetToolSettings.xml")).Descendants("Command").Single();
        Assert.Equal("executable", command.Attribute("Runner")!.Value);
        Assert.Equal("datacontracts", command.Attribute("EntryPoint")!.Value);

        // Alpine would otherwise get linux-x64's glibc executable: this one asks for musl's loader.
        var host = await File.ReadAllBytesAsync(Path.Combine(tool, "datacontracts"), Ct);
        Assert.Equal("\u007fELF"u8.ToArray(), host[..4]);
        Assert.True(host.AsSpan().IndexOf("/lib/ld-musl-x86_64.so.1"u8) >= 0, "the app host is not linked against musl");
        Assert.Contains("Microsoft.NETCore.App", await File.ReadAllTextAsync(Path.Combine(tool, "datacontracts.runtimeconfig.json"), Ct), StringComparison.Ordinal);

        // The app host starts only on musl; what it starts is this assembly, which runs under dotnet here too.
        var check = await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(tool, "datacontracts.dll"), "check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", "msbuild"],
            RepositoryPaths.Root);
        Assert.True(check.ExitCode == ExitCodes.ContractViolation, check.ToString());
        Assert.Contains("error DC1001:", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInstalledToolAnswersAsTheFrameworkDependentBuildOfflineLiveAndCached()
    {
        var executable = await feed.InstallToolAsync();
        using var folder = NameDerivedColumnImpactTests.Prepare();
        var repo = Path.Combine(folder.Path, "repo");
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(Path.Combine(repo, "snapshot.json"), upperCaseTables: false, Ct);
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };
        string[] check = ["check", "--changed-files", "changed.txt", "--format", "json"];

        var expectedOffline = await CliRunner.RunAsync(repo, null, null, check);
        var expectedLive = await CliRunner.RunAsync(repo, live, null, check);
        var offline = await InstalledAsync(executable, repo, null, check);
        var liveRun = await InstalledAsync(executable, repo, live, check);
        var cold = await InstalledAsync(executable, repo, live, [.. check, "--cache-dir", "cache"]);
        var asked = secoda.Requests.Count;
        var warm = await InstalledAsync(executable, repo, live, [.. check, "--cache-dir", "cache"]);

        Assert.Equal(ExitCodes.ContractViolation, expectedOffline.ExitCode);
        Assert.Equal(Comparable(expectedOffline), Comparable(offline));
        Assert.Equal(Comparable(expectedLive), Comparable(liveRun));
        Assert.Equal(Comparable(expectedLive), Comparable(cold));
        Assert.Equal(asked, secoda.Requests.Count);
        Assert.Equal(Comparable(expectedLive), Comparable(warm));
        Assert.Contains("\"breaks\": false", liveRun.Out, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo, "cache")));
    }

    [Fact]
    public async Task TheInstalledToolPostsTheSameCommentAndReviewRequests()
    {
        var executable = await feed.InstallToolAsync();
        var project = temp.Combine("project");
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), project);
        var contracts = Path.Combine(project, "datacontracts.yml");
        File.WriteAllText(contracts, File.ReadAllText(contracts).Replace("@jaffle/finance-data", "@octo/finance-data", StringComparison.Ordinal));
        var changes = temp.Write("changes.txt", Breaking);
        temp.Write("event.json", """{ "number": 7, "pull_request": { "number": 7, "base": { "ref": "main" }, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } } }""");
        string[] check = ["check", "--changed-files", changes, "--comment", "--request-reviewers"];

        await using var expected = await GitHubAsync();
        await using var actual = await GitHubAsync();
        var inProcess = await CliRunner.RunAsync(project, Job(expected), null, check);
        var installed = await InstalledAsync(executable, project, Job(actual), check);
        var again = await InstalledAsync(executable, project, Job(actual), check);

        Assert.Equal(ExitCodes.ContractViolation, inProcess.ExitCode);
        Assert.True(installed.ExitCode == inProcess.ExitCode, installed.All);
        Assert.Equal(inProcess.ExitCode, again.ExitCode);
        var comment = Assert.Single(Ours(actual));
        Assert.Equal(WithoutTime(Assert.Single(Ours(expected)).Body), WithoutTime(comment.Body));
        Assert.Equal(0, actual.Requests.Count(r => r.Method is "PATCH" or "DELETE"));
        var request = Assert.Single(actual.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.Equal(["finance-data"], request.Teams);
        Assert.Equal(
            expected.Requests.Select(r => $"{r.Method} {r.Path}"),
            actual.Requests.Take(expected.Requests.Count).Select(r => $"{r.Method} {r.Path}"));
        Assert.Single(expected.PullRequest(FakeGitHub.PullRequest).ReviewRequests);
        Assert.DoesNotContain(actual.Token, installed.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInstalledToolChecksTheDatabaseProjectSampleWithMicrosoftsParserAsTheFrameworkDependentBuild()
    {
        // ScriptDom is compiled into the native tool: its parser, its visitor and its error messages (resources)
        // must answer as they do under the JIT, for a breaking change, a passing one and a syntax error.
        var executable = await feed.InstallToolAsync();
        var sample = SqlProjSample.CopyTo(temp.Combine("repo"));
        string[] check = ["check", "--catalog-snapshot", "secoda-snapshot.json", "--format", "json", "--changed-files"];

        var breaking = await InstalledAsync(executable, sample, null, [.. check, SqlProjSample.Breaking]);
        var clean = await InstalledAsync(executable, sample, null, [.. check, SqlProjSample.Clean]);
        var orders = Path.Combine(sample, SqlProjSample.Orders);
        File.WriteAllText(orders, File.ReadAllText(orders).Replace("[CustomerID]                  INT            NOT NULL,", "[CustomerID]                  INT            NOT NULL,,", StringComparison.Ordinal));
        var broken = await InstalledAsync(executable, sample, null, [.. check[..^3], "--format", "msbuild", "--changed-files", SqlProjSample.Breaking]);

        Assert.Equal(ExitCodes.ContractViolation, breaking.ExitCode);
        Assert.Contains("\"DC1001\"", breaking.Out, StringComparison.Ordinal);
        Assert.Contains("\"WideWorldImporters.Sales.Orders\"", breaking.Out, StringComparison.OrdinalIgnoreCase);
        Assert.True(clean.ExitCode == ExitCodes.Success, clean.All);
        Assert.Contains("\"DC5104\"", clean.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, broken.ExitCode);
        Assert.Contains($"{orders}(3,59): error DC5106: samples/sqlproj/{SqlProjSample.Orders}: Incorrect syntax near ','. (SQL46010)", broken.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.All, StringComparison.Ordinal);

        var expectedBroken = await CliRunner.RunAsync(sample, null, null, [.. check[..^3], "--format", "msbuild", "--changed-files", SqlProjSample.Breaking]);
        File.WriteAllText(orders, File.ReadAllText(orders).Replace("NOT NULL,,", "NOT NULL,", StringComparison.Ordinal));
        Assert.Equal(Comparable(await CliRunner.RunAsync(sample, null, null, [.. check, SqlProjSample.Breaking])), Comparable(breaking));
        Assert.Equal(Comparable(await CliRunner.RunAsync(sample, null, null, [.. check, SqlProjSample.Clean])), Comparable(clean));
        Assert.Equal((expectedBroken.ExitCode, expectedBroken.All), (broken.ExitCode, broken.All));
    }

    [Fact]
    public async Task BadInputIsADiagnosticWithItsPlaceNotACrash()
    {
        var executable = await feed.InstallToolAsync();
        var contracts = temp.Write("datacontracts.yml", "version: 1\ncontracts: [\n");

        var run = await InstalledAsync(executable, temp.Path, null, ["validate", "--contracts", contracts]);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("datacontracts.yml:3:1: error DC2004:", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private static async Task<FakeGitHubServer> GitHubAsync()
    {
        var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 3);
        server.TeamsWithAccess.Add("finance-data");
        return server;
    }

    private Dictionary<string, string?> Job(FakeGitHubServer server)
    {
        var environment = FakeGitHub.Environment(server);
        environment["GITHUB_EVENT_PATH"] = temp.Combine("event.json");
        return environment;
    }

    /// <summary>The installed command in its own process, with only the simulated job's variables.</summary>
    private static Task<CliRunner.Run> InstalledAsync(string executable, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args) =>
        BuiltCli.RunCommandAsync(executable, args, workingDirectory, environment ?? new Dictionary<string, string?>());

    private static IEnumerable<FakeGitHubComment> Ours(FakeGitHubServer server) =>
        server.CommentsOn(FakeGitHub.PullRequest).Where(c => CommentMarker.IsMarked(c.Body, CommentMarker.For("datacontracts.yml")));

    private static string WithoutTime(string body) => System.Text.RegularExpressions.Regex.Replace(body, @"\b\d+ ms\b", "N ms");

    /// <summary>
    /// The JSON report without what differs between two runs of one build: the time taken, and the request count
    /// (lookups of resource details are batched by what is pending when a batch leaves, so timing moves it).
    /// </summary>
    private static string Comparable(CliRunner.Run run)
    {
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var stats = report["stats"]!.AsObject();
        stats.Remove("elapsedMs");
        stats.Remove("apiRequests");

        return $"exit {run.ExitCode}\n{report.ToJsonString()}";
    }
}
