using System.Text.Json;
using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

/// <summary>
/// Secoda documents a column's data type as its <c>type</c> field, the same name List Resources filters on for the
/// entity type: the reader takes it only from a column, and never the entity type itself.
/// </summary>
public class SecodaColumnTypeReadingTests
{
    [Theory]
    [InlineData("""{"id":"c1","title":"status","entity_type":"column","type":"VARCHAR(16)"}""", "VARCHAR(16)")]
    [InlineData("""{"id":"c1","title":"status","entity_type":"column","data_type":"text","type":"VARCHAR"}""", "text")]
    [InlineData("""{"id":"c1","title":"status","type":"column"}""", null)]
    [InlineData("""{"id":"c1","title":"status","entity_type":"column","type":"None"}""", null)]
    [InlineData("""{"id":"c1","title":"status","entity_type":"column"}""", null)]
    [InlineData("""{"id":"t1","title":"orders","entity_type":"table","type":"BASE TABLE"}""", null)]
    public void AColumnsTypeIsItsDataTypeAndNothingElsesIs(string row, string? expected)
    {
        using var json = JsonDocument.Parse(row);

        var resource = SecodaJson.ReadResource(json.RootElement);

        Assert.Equal(expected, resource?.DataType);
    }
}
