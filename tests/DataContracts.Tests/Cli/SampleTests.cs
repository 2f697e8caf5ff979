using System.Text.Json;
using DataContracts.Diagnostics;
using DataContracts.Tests.Reports;

namespace DataContracts.Tests.Cli;

/// <summary>The README's first command, and its blocking variant, run through the real command line.</summary>
public class SampleTests
{
    private static readonly string Contracts = "samples/jaffle_shop/datacontracts.yml";

    [Fact]
    public async Task TheReadmeSampleShowsAWarnAndAnAcknowledgedImpactOffline()
    {
        using var folder = new TempFolder();
        var report = folder.Combine("report.json");

        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null,
            "check", "--contracts", Contracts, "--changed-files", "samples/jaffle_shop/changed-files.txt", "--report", report);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        // customers is changed here too: rebuilt by this change, it is listed apart and not counted as a consumer of stg_payments.
        Assert.StartsWith("WARN: 1 changed model has 5 downstream consumers (not blocking)", run.Out, StringComparison.Ordinal);
        Assert.Contains("✓ acknowledged  dbt-dev-dan.jaffle_shop.customers", run.Out, StringComparison.Ordinal);

        // customers is downstream of stg_payments and changed in the same diff: listed, said so, not counted.
        Assert.Matches(@"table\s+dbt-dev-dan\.jaffle_shop\.customers\s+also changed here \(not counted\)", run.Out);
        Assert.Contains("Finance KPIs", run.Out, StringComparison.Ordinal);
        Assert.Contains("ignored", run.Out, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        ReportRenderingTests.AssertMatchesSchema(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("warn", document.RootElement.GetProperty("result").GetString());
        Assert.Equal(
            ["acknowledged", "warn"],
            document.RootElement.GetProperty("impacts").EnumerateArray().Select(i => i.GetProperty("verdict").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task AChangeToAFailingContractExitsOneWithAnMsBuildErrorAtTheModelFile()
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null,
            "check", "--contracts", Contracts, "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", "msbuild");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var model = Path.Combine(RepositoryPaths.Root, "samples", "jaffle_shop", "models", "orders.sql");
        Assert.StartsWith($"{model}(1,1): error DC1001: dbt-dev-dan.jaffle_shop.orders (contract 'orders') has 2 downstream consumer(s): Weekly revenue by payment method (chart), Finance KPIs (dashboard).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImpactListsEverythingDownstreamOfADbtModelName()
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null, "impact", "--contracts", Contracts, "stg_payments", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var titles = document.RootElement.GetProperty("impacts")[0].GetProperty("downstream").EnumerateArray()
            .Select(d => d.GetProperty("title").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Customer LTV", "Finance KPIs", "Sync customers to Salesforce", "Weekly revenue by payment method", "customers", "orders", "orders_scratch"], titles);
    }

    [Fact]
    public async Task ImpactSaysWhatACheckWouldDoAndWritesNoErrorAnnotation()
    {
        var text = await CliRunner.RunAsync(RepositoryPaths.Root, null, null, "impact", "--contracts", Contracts, "orders");
        var github = await CliRunner.RunAsync(RepositoryPaths.Root, null, null, "impact", "--contracts", Contracts, "orders", "--format", "github");

        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Equal(ExitCodes.Success, github.ExitCode);
        Assert.StartsWith("WOULD FAIL: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("✗ would fail", text.Out, StringComparison.Ordinal);
        Assert.Contains("would fail DC1001", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("error DC1001", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", github.Out, StringComparison.Ordinal);
        Assert.Contains("::notice ", github.Out, StringComparison.Ordinal);
        Assert.Contains("catalog: snapshot samples/jaffle_shop/", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAcceptsTheSample()
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null, "validate", "--contracts", Contracts);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("PASS: the contract file is valid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPrintsTheToolVersion()
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Out, StringComparison.Ordinal);
    }
}
