using System.Collections.Immutable;
using System.Globalization;
using DataContracts.Application;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Impact;
using DataContracts.Reports;

namespace DataContracts.Tests.Reports;

/// <summary>
/// Reports that stay scannable at a hundred consumers: identical rows folded with a count, consumers grouped by
/// owner and type, non-blocking consumers collapsed, paths never cut in the middle, and the lineage graph
/// summarised by type and coloured by verdict instead of dropped.
/// </summary>
public class ScaleReportTests
{
    private static ChangeClassification Breaking => new()
    {
        Class = ChangeClass.Breaking,
        Evidence = Evidence.Catalog,
        ColumnChanges = [new ColumnChange("status", ColumnChangeType.Removed, "varchar", null)],
        Reasons = [new ChangeReason(ReasonKind.Column, "column status removed")],
    };

    private static ChangeClassification Logic => new() { Class = ChangeClass.NonBreaking, Kind = ChangeKind.Logic, Evidence = Evidence.Catalog };

    private static CheckResult Classified(params (string Table, ChangeClassification Class, ImpactVerdict Verdict, DownstreamEntry[] Downstream)[] sources) => new()
    {
        Outcome = sources.Any(s => s.Verdict == ImpactVerdict.Fail) ? CheckOutcome.Fail : CheckOutcome.Warn,
        WorkspaceRoot = "/repo",
        ContractFile = "datacontracts.yml",
        Changes = [.. sources.Select(s => new ChangeEntry { File = $"models/{s.Table}.sql", Status = ChangeStatus.Modified, Models = [$"model.shop.{s.Table}"], Table = $"DB.MARTS.{s.Table.ToUpperInvariant()}", Contract = "shop", Classification = s.Class })],
        Impacts = [.. sources.Select(s => new ImpactEntry
        {
            Source = new ImpactSource { Table = $"DB.MARTS.{s.Table.ToUpperInvariant()}", Contract = "shop", Models = [$"model.shop.{s.Table}"], File = $"models/{s.Table}.sql", Classification = s.Class },
            Verdict = s.Verdict,
            Downstream = [.. s.Downstream],
        })],
        Diagnostics = [],
        Stats = new CheckStats { ChangedFiles = sources.Length, MappedTables = sources.Length },
        Coverage = new Coverage { Checked = [.. sources.Select(s => $"DB.MARTS.{s.Table.ToUpperInvariant()}")] },
    };

    private static DownstreamEntry Dashboard(int i, string owner = "@acme/finance", int depth = 1, ImmutableArray<string>? via = null) => new()
    {
        Id = "d-" + i.ToString(CultureInfo.InvariantCulture),
        Title = "Board " + i.ToString("00", CultureInfo.InvariantCulture),
        Type = "dashboard",
        Depth = depth,
        Via = via ?? ["t-orders"],
        Owners = [owner],
    };

    [Fact]
    public void FiftySixConsumersThatPrintTheSameAreOneRowWithTheirCount()
    {
        var result = Classified(("orders", Breaking, ImpactVerdict.Fail, [.. Enumerable.Range(1, 56).Select(i => Dashboard(i))]));

        var md = MarkdownReport.Render(result);
        var text = TextReport.Render(result, color: false, "/repo");

        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("Board", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        Assert.StartsWith("| **56:** Board 01, Board 02,", row, StringComparison.Ordinal);
        Assert.Contains("and 46 more | dashboard | ❌ blocking |", row, StringComparison.Ordinal);
        Assert.Contains("#### Consumers (56): 56 blocking · 56 dashboard", md, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("Board 01", StringComparison.Ordinal));
        Assert.Contains("Board 56 (56)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTextReportNamesAtMostEightConsumersItDoesNotCount()
    {
        var ignored = Enumerable.Range(1, 30).Select(i => Dashboard(i) with { Ignored = true }).ToArray();
        var result = Classified(("orders", Breaking, ImpactVerdict.Fail, [Dashboard(100), .. ignored]));

        var text = TextReport.Render(result, color: false, "/repo");

        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("Not counted", StringComparison.Ordinal));
        Assert.StartsWith("Not counted (30): Board 01 (ignored), Board 02 (ignored),", line, StringComparison.Ordinal);
        Assert.EndsWith("Board 08 (ignored) and 22 more (all in the JSON report)", line.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.DoesNotContain("Board 09", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AConsumerThatManyChangedModelsReachIsOneRowNamingThemInTheUnclassifiedLayout()
    {
        var failing = SampleResults.Failing();
        var impact = failing.Impacts[0];
        var result = failing with
        {
            Impacts = [.. Enumerable.Range(1, 56).Select(i => impact with { Source = impact.Source with { Table = $"DB.STAGING.T{i:00}", SecodaId = $"t-{i}" } })],
        };

        var md = MarkdownReport.Render(result);

        var row = Assert.Single(md.Split('\n'), l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("KPIs", StringComparison.Ordinal));
        Assert.StartsWith("| 56 changed models: DB\\.STAGING: T01, T02, T03 and 53 more | ❌ blocking |", row, StringComparison.Ordinal);

        // The acknowledged consumer, apart, is folded the same way.
        Assert.Contains("<details><summary>Acknowledged and ignored consumers (1)</summary>", md, StringComparison.Ordinal);
        Assert.Single(md.Split('\n'), l => l.StartsWith("| 56 changed models: ", StringComparison.Ordinal) && l.Contains("| Revenue | chart | 1 | acknowledged: migrating |", StringComparison.Ordinal));
    }

    [Fact]
    public void ConsumersAreCountedByOwnerAndTypeAndOnlyBlockingOnesStayOpen()
    {
        var result = Classified(
            ("orders", Breaking, ImpactVerdict.Fail, [Dashboard(1), Dashboard(2, "ana@example.com"), Dashboard(3, "ana@example.com") with { Type = "chart" }]),
            ("customers", Logic, ImpactVerdict.Warn, [Dashboard(4, "bo@example.com") with { Via = ["t-customers"] }]));

        var md = MarkdownReport.Render(result);

        Assert.Contains("| ana@\u2060example\\.com | 2 | 1 chart, 1 dashboard |", md, StringComparison.Ordinal);
        Assert.Contains("| @\u2060acme/finance | 1 | 1 dashboard |", md, StringComparison.Ordinal);
        Assert.Contains("#### Consumers (4): 3 blocking, 1 warning · 3 dashboard, 1 chart", md, StringComparison.Ordinal);

        // The blocking table comes before any <details>; the warning consumer is inside the collapsed one.
        var collapsed = md.IndexOf("<details><summary>Not blocking: 1 consumer (1 warning)</summary>", StringComparison.Ordinal);
        Assert.True(collapsed > 0, md);
        Assert.True(md.IndexOf("Board 01", StringComparison.Ordinal) < collapsed);
        Assert.True(md.IndexOf("Board 04", StringComparison.Ordinal) > collapsed);
    }

    [Fact]
    public void ALongPathIsNeverCutInTheMiddleItSaysHowManyStepsLieBetween()
    {
        ImmutableArray<string> via = ["t-orders", .. Enumerable.Range(1, 7).Select(i => "m-" + i.ToString(CultureInfo.InvariantCulture))];
        var hops = Enumerable.Range(1, 7).Select(i => new DownstreamEntry
        {
            Id = "m-" + i.ToString(CultureInfo.InvariantCulture),
            Title = "an_intermediate_model_with_a_rather_long_name_" + i.ToString(CultureInfo.InvariantCulture),
            Type = "table",
            Depth = i,
            Via = via[..i],
        });
        var result = Classified(("orders", Breaking, ImpactVerdict.Fail, [.. hops, Dashboard(1, depth: 8, via: via)]));

        var md = MarkdownReport.Render(result);

        var row = Assert.Single(md.Split('\n'), l => l.StartsWith("| Board 01", StringComparison.Ordinal));
        Assert.Contains("| DB\\.MARTS\\.ORDERS → (6 more steps) → an\\_intermediate\\_model\\_with\\_a\\_rather\\_long\\_name\\_7 |", row, StringComparison.Ordinal);
        Assert.DoesNotContain("…", row, StringComparison.Ordinal);

        // A path that fits is given in full.
        var short2 = Assert.Single(md.Split('\n'), l => l.StartsWith("| an\\_intermediate\\_model\\_with\\_a\\_rather\\_long\\_name\\_2 ", StringComparison.Ordinal));
        Assert.Contains("| DB\\.MARTS\\.ORDERS → an\\_intermediate\\_model\\_with\\_a\\_rather\\_long\\_name\\_1 |", short2, StringComparison.Ordinal);
    }

    [Fact]
    public void AGraphOverTheNodeLimitIsSummarisedByTypeAndColouredByVerdict()
    {
        var result = Classified(
            ("orders", Breaking, ImpactVerdict.Fail, [.. Enumerable.Range(1, 30).Select(i => Dashboard(i)), Dashboard(31) with { Type = "chart" }]),
            ("customers", Logic, ImpactVerdict.Warn, [.. Enumerable.Range(40, 5).Select(i => Dashboard(i) with { Via = ["t-customers"] })]));

        var md = MarkdownReport.Render(result, new MarkdownLayout { MaxGraphNodes = 25 });

        Assert.Contains("<details><summary>Lineage graph (summarised by type and verdict: 38 resources are too many to draw one by one)</summary>", md, StringComparison.Ordinal);
        Assert.Contains("[[\"1 changed model · blocking\"]]", md, StringComparison.Ordinal);
        Assert.Contains("[\"30 dashboard · blocking\"]", md, StringComparison.Ordinal);
        Assert.Contains("[\"1 chart · blocking\"]", md, StringComparison.Ordinal);
        Assert.Contains("[\"5 dashboard · warning\"]", md, StringComparison.Ordinal);
        Assert.Contains("classDef fail fill:", md, StringComparison.Ordinal);
        Assert.Contains("classDef warn fill:", md, StringComparison.Ordinal);
        Assert.Matches(@"class n\d+(,n\d+)* fail", md);

        // Under the limit every resource is drawn, coloured the same way.
        var small = MarkdownReport.Render(Classified(("orders", Breaking, ImpactVerdict.Fail, [Dashboard(1)])));
        Assert.Contains("[\"Board 01 · dashboard\"]", small, StringComparison.Ordinal);
        Assert.Contains("class n0,n1 fail", small, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeClassifiedCommentKeepsTheCountsAndCutsRowsLast()
    {
        var result = Classified(("orders", Breaking, ImpactVerdict.Fail, [.. Enumerable.Range(1, 3_000).Select(i => Dashboard(i, $"team{i}@example.com"))]));

        var body = DataContracts.GitHub.StickyComment.RenderReport(result, new DataContracts.GitHub.CommentOptions());

        Assert.True(body.Length <= DataContracts.GitHub.CommentOptions.GitHubMaxLength, $"{body.Length} characters");
        Assert.Contains("#### Consumers (3000): 3000 blocking · 3000 dashboard", body, StringComparison.Ordinal);
        Assert.Contains("| 2990 more owners | | |", body, StringComparison.Ordinal);
        Assert.Matches(@"\| [0-9]+ more consumers: see the job summary or the JSON report \|", body);
        Assert.Contains("shortened to fit", body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHostileLargeLayoutReachesEveryNewPartOfTheMarkdownReport()
    {
        // Security/HostileTextEveryFormatTests renders this layout in every format; here: it does reach the new parts.
        var md = MarkdownReport.Render(DataContracts.Tests.Security.HostileResults.ClassifiedLarge());

        Assert.Contains("summarised by type and verdict", md, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*3[01]:\*\* ", md);
        Assert.Contains("<details><summary>Not blocking: ", md, StringComparison.Ordinal);
        Assert.Contains("| owner | consumers | by type |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsOfALogicChangeAreNotCalledBroken()
    {
        var logic = Classified(("customers", Logic, ImpactVerdict.Warn, [Dashboard(1) with { Breaks = false }]));
        var impact = logic.Impacts[0] with { Columns = new ColumnSummary { Broken = [new ColumnReaders("ltv", [])] } };
        logic = logic with { Impacts = [impact] };

        var md = MarkdownReport.Render(logic);
        var text = TextReport.Render(logic, color: false, "/repo");

        Assert.Contains("#### Columns whose values change", md, StringComparison.Ordinal);
        Assert.Contains("1 consumer(s) spared: they read none of the columns whose values change", text, StringComparison.Ordinal);
        Assert.Contains("DB.MARTS.CUSTOMERS.ltv (values may change): no consumer found through column lineage", text, StringComparison.Ordinal);
        Assert.DoesNotContain("roken column", md + text, StringComparison.Ordinal);
    }
}
