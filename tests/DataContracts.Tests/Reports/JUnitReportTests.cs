using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Reports;
using DataContracts.Tests.GitHub;

namespace DataContracts.Tests.Reports;

/// <summary><c>--format junit</c>: one test case per changed model, valid against the JUnit schema CI systems read.</summary>
public sealed class JUnitReportTests : IDisposable
{
    private static readonly string Xsd = Path.Combine(AppContext.BaseDirectory, "fixtures", "junit", "junit.xsd");

    /// <summary>The shell's clock reading, passed in: the report never reads the wall clock itself.</summary>
    private static readonly DateTimeOffset Stamp = new(2026, 1, 15, 9, 30, 5, TimeSpan.FromHours(2));

    private readonly TempFolder folder = new();

    [Fact]
    public async Task TheSampleBreakingChangeIsAFailingTestCaseOfItsContractAndValid()
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), folder.Combine("project"));
        var changes = folder.Write("changes.txt", "M\tmodels/orders.sql\nM\tmodels/staging/stg_payments.sql\n");

        var run = await CliRunner.RunAsync(folder.Combine("project"), null, null, "check", "--format", "junit", "--changed-files", changes);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Empty(Validate(run.Out));
        var cases = XDocument.Parse(run.Out).Descendants("testcase").ToList();
        var orders = Assert.Single(cases, c => (string?)c.Attribute("classname") == "orders");
        var failure = orders.Element("failure");
        Assert.NotNull(failure);
        Assert.Contains("downstream consumer", (string?)failure.Attribute("message"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(failure.Value));
        Assert.Contains(cases, c => (string?)c.Attribute("classname") == JUnitReport.Uncontracted);
        var suite = XDocument.Parse(run.Out).Root!.Element("testsuite")!;
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suite.Attribute("failures"));
    }

    [Fact]
    public void BlockingFailsWarningPassesAcknowledgedOffAndUncheckedAreSkipped()
    {
        var failing = GitHubSamples.Failing();
        var result = failing with
        {
            Outcome = CheckOutcome.Fail,
            Impacts =
            [
                .. failing.Impacts,
                new ImpactEntry
                {
                    Source = new ImpactSource { Table = "ANALYTICS.MARTS.CUSTOMERS", Contract = "customers", Models = ["model.shop.customers"], File = "models/marts/customers.sql" },
                    Verdict = ImpactVerdict.Acknowledged,
                    Downstream = [new DownstreamEntry { Id = "d-9", Title = "LTV", Type = "dashboard", Depth = 1, Acknowledged = true, AcknowledgedReason = "moves" }],
                },
                new ImpactEntry
                {
                    Source = new ImpactSource { Table = "RAW.WEB.EVENTS", Contract = "web_events", File = "warehouse/events.sql" },
                    Verdict = ImpactVerdict.Off,
                    Downstream = [new DownstreamEntry { Id = "d-8", Title = "Traffic", Type = "dashboard", Depth = 1 }],
                },
            ],
            Changes = [.. failing.Changes, new ChangeEntry { File = "models/marts/refunds.sql", Status = global::DataContracts.Changes.ChangeStatus.Added, Models = ["model.shop.refunds"], Table = "ANALYTICS.MARTS.REFUNDS", Contract = "refunds" }],
            Coverage = failing.Coverage with { Unchecked = ["ANALYTICS.MARTS.REFUNDS"] },
        };

        var xml = JUnitReport.Render(result, Stamp);

        Assert.Empty(Validate(xml));
        var cases = XDocument.Parse(xml).Descendants("testcase").ToDictionary(c => (string)c.Attribute("classname")! + "|" + (string)c.Attribute("name")!);
        Assert.Equal(5, cases.Count);
        var orders = cases["orders|model.shop.orders (ANALYTICS.MARTS.ORDERS)"];
        Assert.Contains("Revenue by month", orders.Element("failure")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Finance KPIs", orders.Element("failure")!.Value, StringComparison.Ordinal); // acknowledged: not a cause
        Assert.Null(cases["uncontracted|model.shop.stg_payments (ANALYTICS.STAGING.STG_PAYMENTS)"].Element("failure"));
        Assert.NotNull(cases["customers|model.shop.customers (ANALYTICS.MARTS.CUSTOMERS)"].Element("skipped"));
        Assert.Contains("off", (string?)cases["web_events|RAW.WEB.EVENTS"].Element("skipped")!.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains("not checked", (string?)cases["refunds|model.shop.refunds (ANALYTICS.MARTS.REFUNDS)"].Element("skipped")!.Attribute("message"), StringComparison.Ordinal);
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("3", (string?)suite.Attribute("skipped"));
        Assert.Equal("2026-01-15T07:30:05", (string?)suite.Attribute("timestamp"));
    }

    [Fact]
    public void ACheckThatCouldNotFinishIsAnErrorNeverGreen()
    {
        var result = CheckResult.ForError([DiagnosticCodes.ContractYamlSyntax.Create("bad YAML \u0001 ]]> <x>", new SourceLocation("datacontracts.yml", 3, 1))], serviceFailed: false, new CheckStats(), "/repo");

        var xml = JUnitReport.Render(result, Stamp);

        Assert.Empty(Validate(xml));
        var error = Assert.Single(XDocument.Parse(xml).Descendants("error"));
        Assert.Equal("DC2004", (string?)error.Attribute("type"));
        Assert.Contains("]]> <x>", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileCatalogTextStaysValidXml()
    {
        var xml = JUnitReport.Render(GitHubSamples.Failing() with { Diagnostics = [DiagnosticCodes.BlockingImpact.Create("\u0000\u001b[31m\uD800 <!-- &amp;")] }, Stamp);

        Assert.Empty(Validate(xml));
        Assert.Contains(GitHubSamples.HostileTitle.Replace("\n", string.Empty, StringComparison.Ordinal)[..10], XDocument.Parse(xml).Descendants("failure").Single().Value, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private static List<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, Xsd);
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
