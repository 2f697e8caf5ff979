using System.Text.Json;
using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.GitHub;
using DataContracts.Hosting;
using DataContracts.Tests.State;
using Json.Schema;

namespace DataContracts.Tests.Reports;

/// <summary>
/// One large real case: HubSpot pull request 201 (fivetran/dbt_hubspot 38114c72a027 → be3a903c24d8, Apache-2.0,
/// fixtures/dbt/SOURCES.md): 139 changed files, 120 classified tables, 31 consumers from dbt's lineage. Its comment
/// must fit on about two screens without losing a consumer from the JSON, and every rendering is a golden file.
/// </summary>
public class HubSpot201ReportTests
{
    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", "fivetran_hubspot", .. parts]);

    /// <summary>What a reader sees on screen: at most about two screens of a pull request page.</summary>
    private const int TwoScreens = 60;

    /// <summary>The pull request's head with production state in <c>../prod</c> and the changed-file list beside the contract file.</summary>
    private static StateWorkspace Workspace()
    {
        var workspace = new StateWorkspace(state: "../prod");
        TempFolder.CopyTree(Fixture("@38114c72a027", "docs"), workspace.Combine("prod"));
        File.Copy(Fixture("diff_38114c72a027..be3a903c24d8.txt"), workspace.Combine("repo/changed.txt"));
        return workspace;
    }

    [Theory]
    [InlineData("text", "hubspot_201.txt")]
    [InlineData("markdown", "hubspot_201.md")]
    [InlineData("json", "hubspot_201.json")]
    [InlineData("junit", "hubspot_201.junit.xml")]
    [InlineData("sarif", "hubspot_201.sarif.json")]
    public async Task PullRequest201RendersAsApproved(string format, string golden)
    {
        using var folder = Workspace();

        var run = await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", format);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        // The temporary folder's path, as written and as the Markdown report escapes it.
        var output = run.Out.Replace(DataContracts.Reports.MarkdownText.Escape(folder.Repo), "<root>", StringComparison.Ordinal);
        GoldenFiles.Verify(golden, SampleGoldenTests.Mask(output, folder.Repo).Replace(Path.GetDirectoryName(folder.Repo)!, "<tmp>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCommentFitsOnTwoScreensAndTheJsonKeepsEveryConsumer()
    {
        using var folder = Workspace();
        var request = new CheckRequest
        {
            WorkingDirectory = folder.Combine("repo"),
            ChangedFilesPath = folder.Combine("repo/changed.txt"),
            Environment = DictionaryEnvironment.Empty,
            Today = new DateOnly(2026, 11, 28),
        };

        var result = await Checker.CheckAsync(request, TestContext.Current.CancellationToken);
        var comment = StickyComment.RenderReport(result, new CommentOptions());
        var json = JsonNode.Parse(DataContracts.Reports.JsonReport.Render(result))!;

        var lines = RenderedLines.Count(comment);
        Assert.True(lines <= TwoScreens, $"{lines} rendered lines:\n{comment}");
        Assert.DoesNotContain("shortened to fit", comment, StringComparison.Ordinal);

        // Every consumer the JSON lists is counted in the comment's heading and named in its (collapsed) table.
        var consumers = json["impacts"]!.AsArray().SelectMany(i => i!["downstream"]!.AsArray())
            .Where(d => !d!["changedHere"]!.GetValue<bool>() && !d["deletedHere"]!.GetValue<bool>() && !d["ignored"]!.GetValue<bool>() && !d["acknowledged"]!.GetValue<bool>())
            .Select(d => d!["title"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(31, consumers.Count);
        Assert.Contains("#### Consumers (31): 31 warning · 31 model", comment, StringComparison.Ordinal);
        Assert.All(consumers, title => Assert.Contains(DataContracts.Reports.MarkdownText.Escape(title), comment, StringComparison.Ordinal));
        Assert.Contains("(summarised by type and verdict:", comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hubspot")]
    [InlineData("jaffle_shop")]
    public async Task SarifFollowsTheRequiredPartsOfSarif210(string sample)
    {
        using var folder = sample == "hubspot" ? Workspace() : null;
        var run = folder is null
            ? await CliRunner.RunAsync(RepositoryPaths.Root, null, null,
                "check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", "sarif")
            : await CliRunner.RunAsync(folder.Combine("repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "sarif");

        // Hand-written from the standard, not the official schema: see Reports/schemas/README.md.
        var schema = JsonSchema.FromText(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "Reports", "schemas", "sarif-2.1.0-required.schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(run.Out);
        var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("; ",
            (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.True(results.GetArrayLength() > 0);
        Assert.Contains(results.EnumerateArray(), r => r.TryGetProperty("locations", out var l) && l[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
    }

    [Fact]
    public void TheSarifSchemaCheckCanFail()
    {
        var schema = JsonSchema.FromText(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "Reports", "schemas", "sarif-2.1.0-required.schema.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var bad = JsonDocument.Parse("""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
              {"ruleId": "DC1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.sql"}, "region": {"startLine": 0}}}]}]}]}
            """);

        Assert.False(schema.Evaluate(bad.RootElement).IsValid);
    }
}
