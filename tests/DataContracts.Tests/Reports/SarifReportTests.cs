using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Reports;

public class SarifReportTests
{
    [Fact]
    public async Task ABlockingImpactIsAnErrorResultAtTheModelFileWithItsRuleAndHelpPage()
    {
        var run = await CliRunner.RunAsync(RepositoryPaths.Root, null, null,
            "check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", "sarif");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var sarif = JsonNode.Parse(run.Out)!;
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        var runNode = sarif["runs"]![0]!;
        var rules = runNode["tool"]!["driver"]!["rules"]!.AsArray();
        var result = runNode["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "DC1001")!;
        Assert.Equal("error", result["level"]!.GetValue<string>());
        Assert.Equal("DC1001", rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        Assert.EndsWith("docs/diagnostics/DC1001.md", rules[result["ruleIndex"]!.GetValue<int>()]!["helpUri"]!.GetValue<string>(), StringComparison.Ordinal);
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("samples/jaffle_shop/models/orders.sql", location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal("WORKSPACE", location["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.Equal(1, location["region"]!["startLine"]!.GetValue<int>());
        Assert.StartsWith("file:///", runNode["originalUriBaseIds"]!["WORKSPACE"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
