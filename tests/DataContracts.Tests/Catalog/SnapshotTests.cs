using DataContracts.Catalog;
using DataContracts.Catalog.Snapshot;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Secoda;
using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Catalog;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-snapshot-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WriteThenReadRoundTripsInAStableOrderWithoutTempFiles()
    {
        var path = Path.Combine(_folder, "secoda-snapshot.json");
        var snapshot = SnapshotOf(Resources.Reverse(), Edges.Reverse());
        await SnapshotFile.WriteAsync(path, snapshot, Ct);
        var first = await File.ReadAllTextAsync(path, Ct);
        await SnapshotFile.WriteAsync(path, SnapshotOf(Resources, Edges), Ct);

        Assert.Equal(first, await File.ReadAllTextAsync(path, Ct));
        Assert.Equal(["secoda-snapshot.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.True(first.IndexOf(Raw, StringComparison.Ordinal) < first.IndexOf(OrdersColumn, StringComparison.Ordinal), "resources sorted by id");
        Assert.Contains("\"createdAt\": \"2026-11-28T00:00:00Z\"", first, StringComparison.Ordinal);

        var loaded = await SnapshotFile.ReadAsync(path, Ct);
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(Resources.Length, loaded.Snapshot.Resources.Length);
        var orders = loaded.Snapshot.Resources.Single(r => r.Id == Orders);
        Assert.Equal(("ORDERS", "ANALYTICS", "MARTS", Warehouse), (orders.Title, orders.Database, orders.Schema, orders.IntegrationId));
        Assert.Equal(["u-1", "u-2"], orders.Owners);
        Assert.Equal(Edges.Length, loaded.Snapshot.Lineage.Length);
        Assert.Equal("https://api.secoda.co/api/v1/", loaded.Snapshot.Source);
    }

    [Fact]
    public async Task MissingFileIsAnInputError()
    {
        var ex = await Assert.ThrowsAsync<InputException>(() => SnapshotFile.ReadAsync(Path.Combine(_folder, "nope.json"), Ct));
        Assert.Equal("DC6020", ex.Diagnostics[0].Code);
        Assert.Contains("datacontracts snapshot", ex.Diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"version\": 1,\n  \"resources\": [\n    {\"id\": \"a\" \"title\": \"x\"}\n  ]\n}", "DC6021", 4, 16)]
    [InlineData("{\n  \"version\": 2,\n  \"resources\": []\n}", "DC6022", 2, 14)]
    [InlineData("{\n  \"resources\": []\n}", "DC6022", 1, 1)]
    [InlineData("{\"version\": 1,\n \"resources\": [\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"title\": \"B\"}\n ], \"lineage\": []}", "DC6023", 4, 3)]
    [InlineData("{\"version\": 1, \"resources\": [],\n \"lineage\": [ {\"from\": \"a\"} ]}", "DC6023", 2, 15)]
    public async Task BadFilesAreInputErrorsPointingAtTheProblem(string json, string code, int line, int column)
    {
        var path = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(path, json, Ct);

        var ex = await Assert.ThrowsAsync<InputException>(() => SnapshotFile.ReadAsync(path, Ct));

        var diagnostic = ex.Diagnostics[0];
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(new SourceLocation(path, line, column), diagnostic.Location);
        Assert.False(string.IsNullOrEmpty(diagnostic.Hint));
    }

    [Fact]
    public async Task LineageToAnUnknownIdIsAWarningAndTheEdgeIsKept()
    {
        var path = Path.Combine(_folder, "warn.json");
        await File.WriteAllTextAsync(path, "{\"version\": 1,\n \"resources\": [ {\"id\": \"a\", \"title\": \"A\"} ],\n \"lineage\": [\n   {\"from\": \"a\", \"to\": \"ghost\"} ]}", Ct);

        var loaded = await SnapshotFile.ReadAsync(path, Ct);

        var warning = Assert.Single(loaded.Diagnostics);
        Assert.Equal(("DC6024", Severity.Warning), (warning.Code, warning.Severity));
        Assert.Equal(new SourceLocation(path, 4, 24), warning.Location);
        var downstream = await new SnapshotCatalog(loaded.Snapshot, path).GetDownstreamAsync(["a"], Ct);
        Assert.Equal(["ghost"], downstream["a"]);
    }

    [Fact]
    public async Task OfflineAndLiveCatalogsGiveTheSameAnswers()
    {
        await using var server = await StartAsync();
        using var live = new SecodaCatalog(Options(server));
        var offline = new SnapshotCatalog(SnapshotOf(Resources, Edges), "snapshot.json");

        TableName[] names =
        [
            TableName.Parse("analytics.marts.orders"), TableName.Parse("marts.order_items"), TableName.Parse("raw.shop.orders"),
            TableName.Parse("orders"), TableName.Parse("analytics.marts.missing"), TableName.Parse("ANALYTICS.MARTS.ORDER_ITEMS"),
        ];
        string[] ids = [Orders, Items, Kpis, Revenue, Raw, DevOrders, OrdersColumn, "unknown-id"];
        foreach (var integration in new[] { null, Warehouse, OtherWarehouse })
        {
            Assert.Equal(
                Describe(await offline.FindTablesAsync(names, integration, Ct)),
                Describe(await live.FindTablesAsync(names, integration, Ct)));
        }

        Assert.Equal(Describe(await offline.GetDownstreamAsync(ids, Ct)), Describe(await live.GetDownstreamAsync(ids, Ct)));
        Assert.Equal(Describe(await offline.GetResourcesAsync(ids, Ct)), Describe(await live.GetResourcesAsync(ids, Ct)));
        Assert.Equal(
            live.Diagnostics.Where(d => d.Code == "DC6013").Select(d => d.Message.Replace("Secoda", "snapshot", StringComparison.Ordinal)).Order(),
            offline.Diagnostics.Select(d => d.Message).Order());
    }

    [Fact]
    public async Task ALiveRunExportsASnapshotThatAnswersTheSameOffline()
    {
        await using var server = await StartAsync();
        using var live = new SecodaCatalog(Options(server));
        string[] walked = [Orders, Items, Kpis, Revenue];
        var downstream = await live.GetDownstreamAsync(walked, Ct);
        var details = await live.GetResourcesAsync([.. walked, Raw], Ct);

        var path = Path.Combine(_folder, "exported.json");
        await SnapshotFile.WriteAsync(path, live.ToSnapshot(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)), Ct);
        var (offline, warnings) = await SnapshotCatalog.LoadAsync(path, Ct);

        Assert.Empty(warnings);
        Assert.DoesNotContain(server.Token, await File.ReadAllTextAsync(path, Ct), StringComparison.Ordinal);
        Assert.Equal(Describe(downstream), Describe(await offline.GetDownstreamAsync(walked, Ct)));
        Assert.Equal(Describe(details), Describe(await offline.GetResourcesAsync([.. walked, Raw], Ct)));
        Assert.Equal(0, offline.RequestCount);
    }

    private static CatalogSnapshot SnapshotOf(IEnumerable<Fakes.FakeResource> resources, IEnumerable<(string From, string To)> edges) => new()
    {
        Source = "https://api.secoda.co/api/v1/",
        CreatedAt = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero),
        Resources = [.. resources.Select(r => new CatalogResource
        {
            Id = r.Id, Title = r.Title, EntityType = r.EntityType, NativeType = r.NativeType, Database = r.Database,
            Schema = r.Schema, IntegrationId = r.IntegrationId, Url = r.Url, Owners = r.Owners, ParentId = r.ParentId,
        })],
        Lineage = [.. edges.Select(e => new LineageEdge(e.From, e.To))],
    };

    private static string Describe<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map)
        where TKey : notnull =>
        string.Join('\n', map.Select(p => $"{p.Key} => {Describe(p.Value)}").Order(StringComparer.Ordinal));

    private static string Describe(object? value) => value switch
    {
        CatalogResource r => $"{r.Id}|{r.Title}|{r.EntityType}|{r.NativeType}|{r.Database}|{r.Schema}|{r.IntegrationId}|{r.Url}|{string.Join(',', r.Owners.Order(StringComparer.Ordinal))}",
        IReadOnlyList<string> list => string.Join(',', list),
        _ => value?.ToString() ?? "null",
    };
}
