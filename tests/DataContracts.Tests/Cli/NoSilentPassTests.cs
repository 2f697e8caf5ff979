using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Cli;

/// <summary>
/// Where the tool cannot say, it says so: each case here used to end in a pass (exit 0) while something
/// downstream depended on the change, or while nothing had been checked at all.
/// </summary>
public class NoSilentPassTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Check = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt"];

    private static Dictionary<string, string?> Live(FakeSecodaServer secoda) =>
        new() { ["SECODA_API_TOKEN"] = secoda.Token, ["SECODA_API_URL"] = secoda.ApiUrl.ToString() };

    [Fact]
    public async Task LineageRowsWithUnfamiliarFieldsStopTheRunInsteadOfPassing()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("changed.txt", "M\tmodels/staging/stg_payments.sql\nM\tmodels/customers.sql\n");
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: false, Ct);
        secoda.LineageFields = LineageFieldStyle.Unfamiliar;

        var run = await CliRunner.RunAsync(workspace.Path, Live(secoda), null, [.. Check, "--report", "dc.json"]);

        Assert.True(run.ExitCode == ExitCodes.ServiceFailure, run.All);
        Assert.Contains("DC6031", run.All, StringComparison.Ordinal);
        Assert.Contains("source_id", run.All, StringComparison.Ordinal);
        Assert.Contains("target_id", run.All, StringComparison.Ordinal);
        var report = JsonNode.Parse(workspace.Read("dc.json"))!;
        Assert.Equal("error", report["result"]!.GetValue<string>());
        Assert.False(report["coverage"]!["complete"]!.GetValue<bool>());
    }

    // In the sample's snapshot: orders → customer_ltv_view (→ Customer LTV) and the Salesforce sync.
    private const string OrdersId = "fda16180-726b-5c15-8d6d-9acecb9e07c3";

    private static async Task<FakeSecodaServer> SampleSecodaAsync(SampleWorkspace workspace)
    {
        var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        await secoda.SeedFromSnapshotAsync(workspace.Combine("secoda-snapshot.json"), upperCaseTables: false, Ct);
        return secoda;
    }

    /// <summary>Lineage of anything but orders hangs: the first hop comes back, the second never does.</summary>
    private static void HangBeyondTheFirstHop(FakeSecodaServer secoda) =>
        secoda.OnRequest = r => r.Route.StartsWith("/lineage", StringComparison.Ordinal) && !r.PathAndQuery.Contains(OrdersId, StringComparison.Ordinal)
            ? new FakeResponse(200) { Delay = TimeSpan.FromSeconds(60) }
            : null;

    [Fact]
    public async Task ADeadlineMidWalkKeepsWhatWasFoundAndNamesWhatIsUnfinished()
    {
        using var workspace = new SampleWorkspace();
        await using var secoda = await SampleSecodaAsync(workspace);
        HangBeyondTheFirstHop(secoda);

        var run = await CliRunner.RunAsync(workspace.Path, Live(secoda), null, [.. Check, "--timeout", "4", "--report", "dc.json"]);

        Assert.True(run.ExitCode == ExitCodes.ServiceFailure, run.All);
        Assert.Contains("DC8003", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was written", run.All, StringComparison.OrdinalIgnoreCase);
        var report = JsonNode.Parse(workspace.Read("dc.json"))!;
        Assert.Equal("error", report["result"]!.GetValue<string>());
        Assert.False(report["coverage"]!["complete"]!.GetValue<bool>());
        Assert.Contains("orders", report["coverage"]!["unfinished"]!.AsArray().Select(n => n!.GetValue<string>()).Single(), StringComparison.Ordinal);
        var found = report["impacts"]!.AsArray().SelectMany(i => i!["downstream"]!.AsArray()).Select(d => d!["id"]!.GetValue<string>()).ToArray();
        Assert.Contains("c85e0f72-29e7-56a9-b945-b58be85f2c35", found);
        Assert.Contains("013eff11-5f6f-50c1-9614-a3b1f04f3d32", found);
        Assert.Contains("walk not finished for", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithOnCatalogErrorWarnADeadlineIsAWarningAndWhatWasFoundStillDecides()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("policy:", "policy:\n  on_catalog_error: warn", StringComparison.Ordinal));
        await using var secoda = await SampleSecodaAsync(workspace);
        HangBeyondTheFirstHop(secoda);

        var run = await CliRunner.RunAsync(workspace.Path, Live(secoda), null, [.. Check, "--timeout", "4", "--format", "json"]);

        // orders' first hop already has consumers: the check fails on them rather than erroring out or passing.
        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var deadline = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC8003")!;
        Assert.Equal("warning", deadline["severity"]!.GetValue<string>());
        Assert.False(report["coverage"]!["complete"]!.GetValue<bool>());
        Assert.NotEmpty(report["coverage"]!["unfinished"]!.AsArray());
    }

    [Fact]
    public async Task ARequestBudgetThatRunsOutNeverReportsACompleteAnswer()
    {
        using var workspace = new SampleWorkspace();
        await using var secoda = await SampleSecodaAsync(workspace);
        var partial = 0;
        for (var budget = 1; budget <= 12; budget++)
        {
            var environment = Live(secoda);
            environment["DATACONTRACTS_REQUEST_BUDGET"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
            File.Delete(workspace.Combine("dc.json"));

            var run = await CliRunner.RunAsync(workspace.Path, environment, null, [.. Check, "--report", "dc.json"]);

            var report = JsonNode.Parse(workspace.Read("dc.json"))!;
            if (run.ExitCode != ExitCodes.ServiceFailure)
            {
                // Enough budget for the whole walk: the normal verdict.
                Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
                Assert.True(report["coverage"]!["complete"]!.GetValue<bool>());
                continue;
            }

            Assert.Contains("DC6009", run.All, StringComparison.Ordinal);
            Assert.False(report["coverage"]!["complete"]!.GetValue<bool>(), $"budget {budget}: {run.All}");
            if (!report["impacts"]!.AsArray().Any())
            {
                continue;
            }

            partial++;
            Assert.NotEmpty(report["coverage"]!["unfinished"]!.AsArray());
        }

        Assert.True(partial > 0, "some budget must run out in the middle of the walk, with what was found kept");
    }
}
