using DataContracts.Catalog.Snapshot;

namespace DataContracts.Tests.Catalog;

public class SnapshotColumnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ColumnResourcesAreReadWithTheirTableAndAColumnWithoutOneIsFlaggedWhereItIs()
    {
        using var folder = new TempFolder();
        var path = folder.Write("snapshot.json", """
            {
              "version": 1,
              "resources": [
                { "id": "t", "title": "ORDERS", "entityType": "table", "database": "DB", "schema": "S" },
                { "id": "t.status", "title": "STATUS", "entityType": "column", "parentId": "t" },
                { "id": "t.amount", "title": "AMOUNT", "entityType": "column", "parentId": "t" },
                { "id": "orphan", "title": "X", "entityType": "column" }
              ],
              "lineage": [ { "from": "t.status", "to": "t" } ]
            }
            """);

        var (catalog, warnings) = await SnapshotCatalog.LoadAsync(path, Ct);
        var columns = await catalog.GetColumnsAsync(["T", "unknown"], Ct);

        Assert.Equal(["t.amount", "t.status"], columns["T"].Select(c => c.Id));
        Assert.Empty(columns["unknown"]);
        var warning = Assert.Single(warnings);
        Assert.Equal(("DC6023", 7), (warning.Code, warning.Location!.Line));
        Assert.Contains("orphan", warning.Message, StringComparison.Ordinal);

        await SnapshotFile.WriteAsync(folder.Combine("again.json"), (await SnapshotFile.ReadAsync(path, Ct)).Snapshot, Ct);
        Assert.Contains("\"parentId\": \"t\"", await File.ReadAllTextAsync(folder.Combine("again.json"), Ct), StringComparison.Ordinal);
    }
}
