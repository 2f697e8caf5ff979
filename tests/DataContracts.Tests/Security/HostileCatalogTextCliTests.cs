using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tests.GitHub;
using DataContracts.Tests.Impact.Columns;

namespace DataContracts.Tests.Security;

/// <summary>
/// The built CLI in Actions, on a real dbt project (Recce's jaffle_shop, stg_orders losing a column): the head
/// catalog.json adds a column named like a workflow command after a <c>\r</c>, and a consumer's Secoda title
/// carries a command after a <c>\r</c>, escapes, a bidi override and the Secoda key. <c>--format github</c>, the
/// job summary, the JSON report and the sticky comment show them as data only, and never the key.
/// </summary>
public partial class HostileCatalogTextCliTests
{
    private const string Secret = HostileWorkspace.Secret;

    private const string HostileColumn = "x\r::error title=INJECTED::column\u2028::error::ls";

    private const string HostileTitle = "customers\r::warning title=INJECTED::title\u0085::notice::nel \u001b[31m\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007 \u202Eflipped key " + Secret;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AColumnAndATitleWithCommandsAfterACarriageReturnStartNothingAndTheKeyShowsNowhere()
    {
        using var folder = NameDerivedColumnImpactTests.Prepare();
        var catalogPath = folder.Combine("repo/target/catalog.json");
        var catalog = JsonNode.Parse(File.ReadAllText(catalogPath))!;
        catalog["nodes"]!["model.jaffle_shop.stg_orders"]!["columns"]![HostileColumn] = new JsonObject { ["type"] = "VARCHAR", ["index"] = 99, ["name"] = HostileColumn, ["comment"] = null };
        File.WriteAllText(catalogPath, catalog.ToJsonString());
        var snapshotPath = folder.Combine("repo/snapshot.json");
        var snapshot = JsonNode.Parse(File.ReadAllText(snapshotPath))!;
        snapshot["resources"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == NameDerivedColumnLineage.TableId("model.jaffle_shop.customers"))!["title"] = HostileTitle;
        File.WriteAllText(snapshotPath, snapshot.ToJsonString());

        await using var secoda = await FakeSecodaServer.StartAsync(Secret, cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(snapshotPath, upperCaseTables: false, Ct);
        await using var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(github, 0);
        var environment = FakeGitHub.Environment(github);
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_EVENT_PATH"] = folder.Write("event.json", """{ "number": 7, "pull_request": { "number": 7, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } } }""");
        environment["GITHUB_STEP_SUMMARY"] = folder.Combine("summary.md");
        environment["SECODA_API_TOKEN"] = Secret;
        environment["SECODA_API_URL"] = secoda.ApiUrl.AbsoluteUri;

        var run = await BuiltCli.RunAsync(folder.Combine("repo"), environment, "check", "--changed-files", "changed.txt", "--state", "../prod", "--format", "github", "--report", "report.json", "--comment", "--verbosity", "detailed");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var comment = Assert.Single(github.CommentsOn(FakeGitHub.PullRequest)).Body;
        var summary = File.ReadAllText(folder.Combine("summary.md"));
        var report = File.ReadAllText(folder.Combine("repo/report.json"));

        // Both texts reached the reports, as data: the column in the classified layout, the title in the consumer table.
        Assert.Contains("added x ::error title=INJECTED::column", run.Out, StringComparison.Ordinal);
        Assert.Contains("customers ::warning title=INJECTED::title", run.Out, StringComparison.Ordinal);
        Assert.Contains("INJECTED", comment, StringComparison.Ordinal);
        Assert.Contains("INJECTED", summary, StringComparison.Ordinal);

        // The runner reads standard output and error line by line, splitting at \r too.
        var printed = string.Join('\n', run.Error.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
        foreach (var line in RunnerLines().Split(run.Out + "\n" + printed))
        {
            var text = line.TrimStart();
            Assert.False(text.StartsWith("::", StringComparison.Ordinal) && !OwnAnnotation().IsMatch(text), "a workflow command: " + text);
            Assert.False(text.StartsWith("##[", StringComparison.Ordinal), "a workflow command: " + text);
        }

        foreach (var (name, text) in new[] { ("stdout", run.Out), ("stderr", printed), ("comment", comment), ("summary", summary), ("report", report) })
        {
            Assert.False(text.Any(c => (char.IsControl(c) && c != '\n') || c is '\u0085' or '\u2028' or '\u2029' or '\u202E'), name + " holds a control character");
            Assert.DoesNotContain(Secret, text.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        // The JSON report keeps the exact names (escaped), with the key masked.
        var json = JsonNode.Parse(report)!;
        var columns = json["changes"]!.AsArray().SelectMany(c => c!["columnChanges"]?.AsArray() ?? []).Select(c => c!["column"]!.GetValue<string>());
        Assert.Contains(HostileColumn, columns);
        var titles = json["impacts"]!.AsArray().SelectMany(i => i!["downstream"]!.AsArray()).Select(d => d!["title"]!.GetValue<string>());
        Assert.Contains(HostileTitle.Replace(Secret, "***", StringComparison.Ordinal), titles);
    }

    [Fact]
    public async Task AQuotedSqlIdentifierWithACommandAfterACarriageReturnStartsNothing()
    {
        using var workspace = HostileWorkspace.Create();
        workspace.Write("warehouse/evil.sql", "create or replace table analytics.marts.\"evil\r::error title=INJECTED::sql\u2028::error::ls\" as select 1 as id;\n");
        workspace.Write("changed.txt", "warehouse/orders.sql\nwarehouse/evil.sql\n");
        await using var server = await FakeSecodaServer.StartAsync(Secret, cancellationToken: Ct);
        HostileWorkspace.Seed(server);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["SECODA_API_TOKEN"] = Secret,
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
        };

        var run = await BuiltCli.RunAsync(workspace.Path, environment, "check", "--changed-files", "changed.txt", "--format", "github");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        Assert.Contains("evil ::error title=INJECTED::sql", run.Out, StringComparison.Ordinal);
        foreach (var line in RunnerLines().Split(run.Out))
        {
            var text = line.TrimStart();
            Assert.False(text.StartsWith("::", StringComparison.Ordinal) && !OwnAnnotation().IsMatch(text), "a workflow command: " + text);
        }
    }

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex RunnerLines();

    [GeneratedRegex(@"^::(error|warning) (file=[^:,]*,(line=\d+,col=\d+,)?)?title=DC\d{4} DataContracts::")]
    private static partial Regex OwnAnnotation();
}
