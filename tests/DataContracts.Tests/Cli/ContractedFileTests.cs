using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary>
/// A file a contract names is always checked for that contract: the contract file is itself a mapping.
/// And a contracted model the catalog does not know fails the check, because it cannot be verified.
/// Run on the real jaffle_shop sample (manifest and catalog snapshot from dbt's own project).
/// </summary>
public class ContractedFileTests
{
    private static readonly string[] Check = ["check", "--contracts", "views/datacontracts.yml", "--changed-files", "changed.txt", "--format", "json"];

    /// <summary>A second contract file in views/, beside the sample, with no dbt section; its snapshot is the sample's.</summary>
    private static void ViewsContract(SampleWorkspace workspace, string extra, string contract)
    {
        workspace.Write("views/datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: ../secoda-snapshot.json
            {extra}
            contracts:
              - name: orders_view
                models: ["orders_view.sql"]
            {contract}
            """);
        // A view body: a plain select, no statement that writes a table.
        workspace.Write("views/orders_view.sql", "select order_id, customer_id, amount\nfrom orders\nwhere status = 'completed'\n");
        // No git here, so paths are relative to the contract file's folder.
        workspace.Write("changed.txt", "M\torders_view.sql\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("sql:\n  paths: [\"**/*.sql\"]\n  dialect: bigquery")]
    public async Task AFileAContractNamesMapsToTheContractsTable(string extra)
    {
        using var workspace = new SampleWorkspace();
        ViewsContract(workspace, extra, "    table: dbt-dev-dan.jaffle_shop.orders");

        var run = await CliRunner.RunAsync(workspace.Path, null, null, Check);

        // orders has consumers in the catalog (a view and a sync): the contract's default on_impact is fail.
        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("orders_view", change["contract"]!.GetValue<string>());
        Assert.Equal("dbt-dev-dan.jaffle_shop.orders", change["table"]!.GetValue<string>());
        var impact = Assert.Single(report["impacts"]!.AsArray())!;
        Assert.Equal("fail", impact["verdict"]!.GetValue<string>());
        Assert.NotEmpty(impact["downstream"]!.AsArray());
        Assert.True(report["coverage"]!["complete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AContractedFileThatMapsToNothingIsAnErrorNamingTheContract()
    {
        using var workspace = new SampleWorkspace();
        ViewsContract(workspace, string.Empty, string.Empty);

        var run = await CliRunner.RunAsync(workspace.Path, null, null, Check);

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var error = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1010")!;
        Assert.Equal("error", error["severity"]!.GetValue<string>());
        Assert.Contains("orders_view", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("orders_view.sql", error["file"]!.GetValue<string>());
        Assert.Contains("table:", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The sample's catalog without the orders table: it was renamed there, so the contract cannot be verified.</summary>
    private static void OrdersGoneFromTheCatalog(SampleWorkspace workspace) =>
        workspace.Write("secoda-snapshot.json", workspace.Read("secoda-snapshot.json").Replace("\"title\": \"orders\",", "\"title\": \"orders_archive\",", StringComparison.Ordinal));

    [Fact]
    public async Task AContractedModelMissingFromTheCatalogFailsTheCheck()
    {
        using var workspace = new SampleWorkspace();
        OrdersGoneFromTheCatalog(workspace);

        var run = await CliRunner.RunAsync(workspace.Path, null, null, "check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        var report = JsonNode.Parse(run.Out)!;
        var error = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1006")!;
        Assert.Equal("error", error["severity"]!.GetValue<string>());
        Assert.Contains("contract 'orders'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var word in new[] { "table:", "secoda_id:", "integration_id" })
        {
            Assert.Contains(word, error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OnCatalogErrorWarnMakesAMissingContractedModelAWarning()
    {
        using var workspace = new SampleWorkspace();
        OrdersGoneFromTheCatalog(workspace);
        workspace.Write("datacontracts.yml", workspace.Read("datacontracts.yml").Replace("policy:", "policy:\n  on_catalog_error: warn", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(workspace.Path, null, null, "check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        var warning = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1006")!;
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
        Assert.False(report["coverage"]!["complete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUncontractedModelMissingFromTheCatalogStaysAWarning()
    {
        using var workspace = new SampleWorkspace();
        workspace.Write("secoda-snapshot.json", workspace.Read("secoda-snapshot.json").Replace("\"title\": \"stg_payments\",", "\"title\": \"stg_payments_old\",", StringComparison.Ordinal));
        workspace.Write("changed.txt", "M\tmodels/staging/stg_payments.sql\n");

        var run = await CliRunner.RunAsync(workspace.Path, null, null, "check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt", "--format", "json");

        var report = JsonNode.Parse(run.Out)!;
        var warning = Assert.Single(report["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC1006")!;
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
    }
}
