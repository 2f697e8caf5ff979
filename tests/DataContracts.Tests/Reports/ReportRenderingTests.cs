using System.Text.Json;
using DataContracts.Application;
using DataContracts.Reports;
using Json.Schema;

namespace DataContracts.Tests.Reports;

public class ReportRenderingTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "report.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    internal static void AssertMatchesSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        Assert.True(result.IsValid, "report does not match schemas/report.schema.json: " + string.Join("; ",
            (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void JsonReportFollowsTheSchemaAndKeepsTheDocumentedFieldNames()
    {
        var json = JsonReport.Render(SampleResults.Failing());

        AssertMatchesSchema(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("fail", root.GetProperty("result").GetString());
        var downstream = root.GetProperty("impacts")[0].GetProperty("downstream")[0];
        Assert.Equal("dashboard", downstream.GetProperty("type").GetString());
        Assert.Equal(2, downstream.GetProperty("depth").GetInt32());
        Assert.Equal("DC1001", root.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Equal(1, root.GetProperty("stats").GetProperty("impactedCount").GetInt32());
    }

    [Fact]
    public void ErrorResultsAreValidReportsToo()
    {
        var result = CheckResult.ForError([DataContracts.Diagnostics.DiagnosticCodes.NoCatalogConfigured.Create("no catalog")], serviceFailed: false, new CheckStats(), "/repo");

        AssertMatchesSchema(JsonReport.Render(result));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void MsBuildFormatIsCanonicalWithAbsolutePaths()
    {
        var lines = MsBuildReport.Render(SampleResults.Failing()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("/repo/models/marts/orders.sql(1,1): error DC1001: ANALYTICS.MARTS.ORDERS", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Hint: Coordinate with the owners.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("/repo/models/staging/x.sql(3,1): warning DC1006: STAGING.X was not found, 50% sure, second line", lines[1], StringComparison.Ordinal);
        Assert.Equal("datacontracts: FAIL: 1 changed model under contract has 1 downstream consumer", lines[^1]);
    }

    [Fact]
    public void GitHubAnnotationsEscapeDataAndProperties()
    {
        var lines = GitHubAnnotations.Render(SampleResults.Failing()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("::error file=models/marts/orders.sql,line=1,col=1,title=DC1001 DataContracts::", lines[0], StringComparison.Ordinal);
        Assert.Equal("::warning file=models/staging/x.sql,line=3,col=1,title=DC1006 DataContracts::STAGING.X was not found, 50%25 sure,%0Asecond line", lines[1]);
    }

    [Fact]
    public void MarkdownEscapesCatalogTextAndOnlyLinksHttpUrls()
    {
        var markdown = MarkdownReport.Render(SampleResults.Failing());

        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("@ceo", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript", markdown, StringComparison.Ordinal);
        Assert.Contains("[Finance &lt;b&gt;KPIs&lt;/b&gt; &#124; @\u2060ceo \\[x\\]\\(javascript:alert\\(1\\)\\)](https://bi.example/d/1)", markdown, StringComparison.Ordinal);
        Assert.StartsWith("### ❌ DataContracts: FAIL", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TextReportLeadsWithTheVerdictAndHasNoColourWhenPiped()
    {
        var text = TextReport.Render(SampleResults.Failing(), color: false, "/repo");

        Assert.StartsWith("FAIL: 1 changed model under contract has 1 downstream consumer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("acknowledged: migrating", text, StringComparison.Ordinal);
        Assert.Contains("coverage: 1 of 2 models checked against the catalog; not checked: STAGING.X", text, StringComparison.Ordinal);
    }
}
