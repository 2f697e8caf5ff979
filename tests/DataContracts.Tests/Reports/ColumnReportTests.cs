using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DataContracts.Impact.Columns;
using DataContracts.Reports;

namespace DataContracts.Tests.Reports;

public class ColumnReportTests
{
    [Fact]
    public void ColumnAnswersAppearInTheJsonReportOnlyWhereAChangeBrokeColumns()
    {
        var result = SampleResults.Failing();
        var impact = new ColumnImpact
        {
            SourceId = "t-1",
            Breaks = ImmutableDictionary.CreateRange<string, bool?>([KeyValuePair.Create("d-1", (bool?)false), KeyValuePair.Create("c-1", (bool?)true)]),
            Readers = ImmutableDictionary.CreateRange([KeyValuePair.Create("status", ImmutableArray.Create("c-1"))]),
            Unmatched = ["legacy_flag"],
        };
        var withColumns = result with { Impacts = [ColumnImpactApplier.Apply(result.Impacts[0], impact), .. result.Impacts[1..]] };

        var plain = JsonReport.Render(result);
        var json = JsonReport.Render(withColumns);

        ReportRenderingTests.AssertMatchesSchema(json);
        Assert.DoesNotContain("\"breaks\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("\"spared\"", plain, StringComparison.Ordinal);
        var first = JsonNode.Parse(json)!["impacts"]![0]!;
        Assert.Equal(1, first["spared"]!.GetValue<int>());
        Assert.False(first["downstream"]![0]!["breaks"]!.GetValue<bool>());
        Assert.True(first["downstream"]![1]!["breaks"]!.GetValue<bool>());
        Assert.Equal("""[{"column":"legacy_flag","readers":[]},{"column":"status","readers":["c-1"]}]""", first["columns"]!["broken"]!.ToJsonString());
    }

    [Fact]
    public void ConsumersTheColumnAnswerDoesNotKnowStayUnknown()
    {
        var entry = SampleResults.Failing().Impacts[0];
        var impact = new ColumnImpact { SourceId = "t-1", Breaks = ImmutableDictionary<string, bool?>.Empty.Add("dbt:d-1", false) };

        var applied = ColumnImpactApplier.Apply(entry, impact);

        Assert.False(applied.Downstream.Single(d => d.Id == "d-1").Breaks);
        Assert.Null(applied.Downstream.Single(d => d.Id == "c-1").Breaks);
        Assert.Equal(1, applied.Spared);
    }
}
