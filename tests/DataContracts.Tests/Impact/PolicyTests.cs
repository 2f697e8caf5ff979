using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Hosting;
using DataContracts.Impact;

namespace DataContracts.Tests.Impact;

/// <summary>The contract policy on the jaffle_shop sample: verdicts, uncontracted models, ignore globs and acknowledgements.</summary>
public class PolicyTests
{
    private static async Task<CheckResult> CheckAsync(SampleWorkspace workspace, string changes, DateOnly? today = null)
    {
        var request = new CheckRequest
        {
            WorkingDirectory = workspace.Path,
            ChangedFilesText = changes,
            Environment = DictionaryEnvironment.Empty,
            Today = today ?? new DateOnly(2026, 11, 28),
        };
        return await Checker.CheckAsync(request, TestContext.Current.CancellationToken);
    }

    private static void Edit(SampleWorkspace w, string from, string to)
    {
        var text = w.Read("datacontracts.yml");
        Assert.Contains(from, text, StringComparison.Ordinal);
        w.Write("datacontracts.yml", text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UncontractedModelsAreSilentWhenThePolicySaysIgnore()
    {
        using var w = new SampleWorkspace();
        Edit(w, "uncontracted: check", "uncontracted: ignore");

        var result = await CheckAsync(w, "models/staging/stg_payments.sql\n");

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Empty(result.Impacts);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task OffRecordsTheImpactWithoutBlockingOrWarning()
    {
        using var w = new SampleWorkspace();
        Edit(w, "models: [\"models/orders.sql\"]\n    on_impact: fail", "models: [\"models/orders.sql\"]\n    on_impact: off");

        var result = await CheckAsync(w, "models/orders.sql\n");

        var impact = Assert.Single(result.Impacts);
        Assert.Equal(ImpactVerdict.Off, impact.Verdict);
        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "DC1001" or "DC1002");
    }

    [Theory]
    [InlineData("Finance KPIs")]
    [InlineData("Finance*")]
    [InlineData("by-id")]
    public async Task AcknowledgementsMatchByTitleGlobOrSecodaId(string resource)
    {
        using var w = new SampleWorkspace();
        resource = resource == "by-id" ? IdOf(w, "Finance KPIs") : resource;
        Edit(w, "    owners: [\"@jaffle/finance-data\"]\n", $"    owners: [\"@jaffle/finance-data\"]\n    acknowledged:\n      - resource: \"{resource}\"\n        reason: \"moving\"\n      - resource: \"dbt-dev-dan.jaffle_shop.orders_scratch\"\n        reason: \"scratch\"\n      - resource: \"Weekly revenue*\"\n        reason: \"moving too\"\n");

        var result = await CheckAsync(w, "models/orders.sql\n");

        var impact = Assert.Single(result.Impacts);
        Assert.Equal(ImpactVerdict.Acknowledged, impact.Verdict);
        Assert.True(impact.Downstream.Single(d => d.Title == "Finance KPIs").Acknowledged);
        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.Code == "DC1003");
    }

    [Fact]
    public async Task AnExpiredAcknowledgementCountsAgainAndSaysSo()
    {
        using var w = new SampleWorkspace();
        Edit(w, "    owners: [\"@jaffle/finance-data\"]\n", "    owners: [\"@jaffle/finance-data\"]\n    acknowledged:\n      - resource: \"*\"\n        reason: \"moving\"\n        expires: 2026-11-27\n");

        var result = await CheckAsync(w, "models/orders.sql\n", new DateOnly(2026, 11, 28));

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(ImpactVerdict.Fail, Assert.Single(result.Impacts).Verdict);
        // Said once: DC1004 names what counts again, so the contract file's own DC2030 for that entry is not repeated.
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "DC2030");
        var matched = Assert.Single(result.Diagnostics, d => d.Code == "DC1004" && d.Message.Contains("Finance KPIs", StringComparison.Ordinal));
        Assert.Equal("datacontracts.yml", matched.Location!.File);

        var dayBefore = await CheckAsync(w, "models/orders.sql\n", new DateOnly(2026, 11, 27));
        Assert.Equal(ImpactVerdict.Acknowledged, Assert.Single(dayBefore.Impacts).Verdict);
    }

    [Fact]
    public async Task IgnoreGlobsOnDatabaseSchemaNameNeverCountButStillShow()
    {
        using var w = new SampleWorkspace();
        Edit(w, "ignore: [\"*_scratch\"]", "ignore: [\"dbt-dev-dan.jaffle_shop.orders_*\", \"Weekly*\", \"Finance KPIs\"]");

        var result = await CheckAsync(w, "models/orders.sql\n");

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Empty(result.Impacts);
    }

    [Fact]
    public async Task WarningsAsErrorsTurnsAWarnIntoAFailure()
    {
        using var w = new SampleWorkspace();

        var plain = await CheckAsync(w, "models/staging/stg_payments.sql\n");
        var strict = await Checker.CheckAsync(
            new CheckRequest { WorkingDirectory = w.Path, ChangedFilesText = "models/staging/stg_payments.sql\n", Environment = DictionaryEnvironment.Empty, WarningsAsErrors = true },
            TestContext.Current.CancellationToken);

        Assert.Equal((CheckOutcome.Warn, ExitCodes.Success), (plain.Outcome, plain.ExitCode));
        Assert.Equal((CheckOutcome.Fail, ExitCodes.ContractViolation), (strict.Outcome, strict.ExitCode));
    }

    private static string IdOf(SampleWorkspace w, string title)
    {
        var snapshot = System.Text.Json.Nodes.JsonNode.Parse(w.Read("secoda-snapshot.json"))!;
        return snapshot["resources"]!.AsArray().Single(r => r!["title"]!.GetValue<string>() == title)!["id"]!.GetValue<string>();
    }
}
