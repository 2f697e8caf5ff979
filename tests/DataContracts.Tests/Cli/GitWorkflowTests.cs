using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary>The check as a developer runs it: in a real git repository, against the branch's base, no file list.</summary>
public class GitWorkflowTests
{
    [Fact]
    public async Task ABranchThatEditsAContractedModelFailsAndOneThatEditsAReadmePasses()
    {
        using var repo = new GitRepo();
        var sample = Path.Combine(RepositoryPaths.Samples, "jaffle_shop");
        TempFolder.CopyTree(sample, repo.Path);
        repo.Commit("jaffle_shop");
        repo.Git("checkout", "-q", "-b", "docs-only");
        repo.Write("README.md", "# jaffle_shop\n\nBetter words.\n");
        repo.Commit("docs");

        var quiet = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.Success, quiet.ExitCode);
        Assert.Equal("pass", JsonNode.Parse(quiet.Out)!["result"]!.GetValue<string>());

        repo.Git("checkout", "-q", "-b", "orders-change", "main");
        repo.Write("models/orders.sql", File.ReadAllText(Path.Combine(sample, "models", "orders.sql")) + "\n-- a new column is coming\n");
        repo.Git("mv", "models/staging/stg_customers.sql", "models/staging/stg_clients.sql");
        repo.Commit("orders and a rename");

        var loud = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.ContractViolation, loud.ExitCode);
        var report = JsonNode.Parse(loud.Out)!;
        var changes = report["changes"]!.AsArray().Select(c => (c!["file"]!.GetValue<string>(), c["status"]!.GetValue<string>())).ToArray();
        Assert.Contains(("models/orders.sql", "modified"), changes);
        Assert.Contains(changes, c => c.Item2 == "renamed");
        Assert.Contains(report["impacts"]!.AsArray(), i => i!["verdict"]!.GetValue<string>() == "fail" && i["source"]!["contract"]!.GetValue<string>() == "orders");
    }
}
