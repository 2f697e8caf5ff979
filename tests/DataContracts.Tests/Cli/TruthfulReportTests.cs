using System.Text.Json.Nodes;
using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Cli;

/// <summary>Reports say what happened: no "under contract" for uncontracted models, renames, error reports that name their files, honest snapshot counts.</summary>
public class TruthfulReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Check = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt"];

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    private static JsonNode[] Diagnostics(JsonNode report, string code) =>
        [.. report["diagnostics"]!.AsArray().Where(d => d!["code"]!.GetValue<string>() == code).Select(d => d!)];

    [Fact]
    public async Task AnUncontractedBlockingModelIsNeverCalledUnderContract()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("on_impact: warn", "on_impact: fail", StringComparison.Ordinal));
        workspace.Write("changed.txt", "M\tmodels/staging/stg_payments.sql\n");

        var text = await CliRunner.RunAsync(workspace.Path, null, null, Check);
        var markdown = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--format", "markdown"]);
        var sarif = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--format", "sarif"]);

        Assert.True(text.ExitCode == ExitCodes.ContractViolation, text.All);
        Assert.StartsWith("FAIL: 1 changed model has", text.Out, StringComparison.Ordinal);
        foreach (var run in new[] { text, markdown, sarif })
        {
            // A run that crashed would print neither phrase: each must have reached its verdict.
            Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
            Assert.DoesNotContain("under contract", run.All, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Contracted model", run.All, StringComparison.Ordinal);
        }

        Assert.Contains("an uncontracted model", text.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenameFillsOldFile()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("changed.txt", "R100\tmodels/orders_before.sql\tmodels/orders.sql\n");

        var run = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--format", "json"]);

        var change = JsonNode.Parse(run.Out)!["changes"]!.AsArray().First(c => c!["file"]!.GetValue<string>() == "models/orders.sql")!;
        Assert.Equal("renamed", change["status"]!.GetValue<string>());
        Assert.Equal("models/orders_before.sql", change["oldFile"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnErrorReportNamesTheContractFileAndTheWorkspaceRoot()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("target/manifest.json", "[1, 2, 3]");

        var run = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--report", "dc.json"]);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var report = JsonNode.Parse(workspace.Read("dc.json"))!;
        Assert.Equal("error", report["result"]!.GetValue<string>());
        Assert.Equal("datacontracts.yml", report["contractFile"]!.GetValue<string>());
        Assert.Equal(Path.GetFullPath(workspace.Path).TrimEnd(Path.DirectorySeparatorChar), report["workspaceRoot"]!.GetValue<string>().TrimEnd(Path.DirectorySeparatorChar));
        Assert.False(report["coverage"]!["complete"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("fda16180-726b-5c15-8d6d-9acecb9e07c3")]
    [InlineData("fda16180-726b-5c15-8d6d-9acecb9e07c3", "dbt-dev-dan.jaffle_shop.orders")]
    [InlineData("dbt-dev-dan.jaffle_shop.orders", "orders", "models/orders.sql")]
    public async Task ImpactOfAContractedTableKeepsItsContractAndListsItOnce(params string[] targets)
    {
        using var workspace = new SampleWorkspace();

        var run = await CliRunner.RunAsync(workspace.Path, null, null, ["impact", "--contracts", "datacontracts.yml", "--format", "json", .. targets]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        var impact = Assert.Single(JsonNode.Parse(run.Out)!["impacts"]!.AsArray())!;
        Assert.Equal("orders", impact["source"]!["contract"]!.GetValue<string>());
        Assert.Equal("dbt-dev-dan.jaffle_shop.orders", impact["source"]!["table"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExpiredAcknowledgementWarnsOnce()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("expires: 2099-12-31", "expires: 2020-01-31", StringComparison.Ordinal));
        workspace.Write("changed.txt", "M\tmodels/customers.sql\nM\tmodels/staging/stg_customers.sql\n");

        var run = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--format", "json"]);

        var report = JsonNode.Parse(run.Out)!;
        var said = Diagnostics(report, "DC1004").Concat(Diagnostics(report, "DC2030")).ToArray();
        // Two acknowledgements expired: each is said once, whichever code says it.
        Assert.Equal(2, said.Length);
        Assert.Equal(2, said.Select(d => d["line"]!.GetValue<int>()).Distinct().Count());
    }

    [Fact]
    public async Task QuietPrintsNothingWhenTheCheckSucceeds()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("changed.txt", "M\tmodels/staging/stg_payments.sql\nM\tmodels/customers.sql\n");

        var loud = await CliRunner.RunAsync(workspace.Path, null, null, Check);
        var quiet = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--verbosity", "quiet"]);

        Assert.Equal(ExitCodes.Success, quiet.ExitCode);
        Assert.StartsWith("WARN", loud.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, quiet.Out);
    }

    [Fact]
    public async Task ASnapshotThatCapturesNoTablesFailsAndSaysWhy()
    {
        using var workspace = new SampleWorkspace();
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        var run = await CliRunner.RunAsync(workspace.Path, live, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "taken.json");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        Assert.Contains("DC6032", run.All, StringComparison.Ordinal);
        Assert.Matches(@"0 of \d+ mapped tables", run.All);
        Assert.True(File.Exists(workspace.Combine("taken.json")));
    }

    [Fact]
    public async Task ASnapshotOfEverythingCountsWhatItWrote()
    {
        using var workspace = new SampleWorkspace();
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: false, Ct);
        var live = new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

        var run = await CliRunner.RunAsync(workspace.Path, live, null, "snapshot", "--contracts", "datacontracts.yml", "--output", "taken.json", "--all");

        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        var written = (await SnapshotFile.ReadAsync(workspace.Combine("taken.json"), Ct)).Snapshot;
        Assert.StartsWith($"PASS: snapshot of {written.Resources.Length} resources and {written.Lineage.Length} lineage edges written to taken.json", run.Out, StringComparison.Ordinal);
        Assert.True(written.Resources.Length > 1);
    }

    [Fact]
    public async Task ApproximateIsNotSaidWhenTheContractNamesTheTable()
    {
        using var workspace = new SampleWorkspace();
        // No manifest: dbt models are mapped approximately, from file names and config().
        File.Delete(workspace.Combine("target/manifest.json"));
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml")
            .Replace("  manifest: target/manifest.json\n", string.Empty, StringComparison.Ordinal)
            .Replace("    models: [\"models/orders.sql\"]\n", "    models: [\"models/orders.sql\"]\n    table: dbt-dev-dan.jaffle_shop.orders\n", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(workspace.Path, null, null, [.. Check, "--format", "json"]);

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal("dbt-dev-dan.jaffle_shop.orders", Assert.Single(report["impacts"]!.AsArray())!["source"]!["table"]!.GetValue<string>());
        Assert.DoesNotContain("approximate", run.Out, StringComparison.OrdinalIgnoreCase);
    }
}
