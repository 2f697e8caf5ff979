using DataContracts.Application;
using DataContracts.Catalog;
using DataContracts.Catalog.Cache;
using DataContracts.Catalog.Snapshot;
using DataContracts.Fakes;
using DataContracts.Impact;
using DataContracts.Impact.Columns;
using DataContracts.Mapping;
using DataContracts.Secoda;
using DataContracts.Tests.Resilience;

using static DataContracts.Tests.Catalog.ColumnTestGraph;

namespace DataContracts.Tests.Catalog;

/// <summary>Column resources and column lineage over real HTTP against the fake Secoda, live, from a snapshot and from the cache.</summary>
public class ColumnCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ColumnsAreOneFilteredQueryPerTableAcrossPagesAndAskedOnce()
    {
        await using var server = await StartAsync();
        server.PageSize = 2;
        using var catalog = new SecodaCatalog(Options(server));

        var columns = await catalog.GetColumnsAsync([Orders, OrderStatus, Orders.ToUpperInvariant()], Ct);
        var requests = server.Requests.Count;
        var again = await catalog.GetColumnsAsync([OrderStatus], Ct);

        Assert.Equal(["ID", "STATUS", "AMOUNT"], columns[Orders].Select(c => c.Title));
        Assert.All(columns[Orders], c => Assert.Equal((Orders, "column"), (c.ParentId, c.EntityType)));
        Assert.Equal(["ORDER_ID", "STATUS"], again[OrderStatus].Select(c => c.Title));
        var queries = server.Requests.Where(r => r.Route == "/resource/catalog/").ToList();
        // ORDERS has three columns (two pages of two), ORDER_STATUS two (one page); nothing is asked twice.
        Assert.Equal(3, queries.Count);
        Assert.Equal(requests, server.Requests.Count);
        Assert.All(queries, q =>
        {
            var filter = q.QueryValue("filter")!;
            Assert.Contains("{\"operator\":\"exact\",\"field\":\"type\",\"value\":\"column\"}", filter, StringComparison.Ordinal);
            Assert.Contains("\"field\":\"parent_id\"", filter, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(LineageFieldStyle.FromEntity, false)]
    [InlineData(LineageFieldStyle.FromEntityId, false)]
    [InlineData(LineageFieldStyle.Nested, true)]
    public async Task OnlyConsumersOfTheDroppedColumnBreakLive(LineageFieldStyle style, bool upstreamRowsOnly)
    {
        await using var server = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        server.LineageFields = style;
        foreach (var r in ColumnTestGraph.Resources)
        {
            server.AddResource(r);
        }

        foreach (var (from, to) in TableEdges.Concat(ColumnEdges))
        {
            // A workspace that keeps only the generated UPSTREAM row of each edge must give the same answer.
            if (upstreamRowsOnly)
            {
                server.AddLineageRow(to, from, "UPSTREAM");
            }
            else
            {
                server.AddEdge(from, to);
            }
        }

        using var catalog = new SecodaCatalog(Options(server));

        var (impact, diagnostics) = await AnswerAsync(catalog, "status");

        AssertIssueAnswer(impact);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task NoBrokenColumnMeansNoColumnRequest()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        var (impacts, _) = await WalkAndAnswerAsync(catalog, []);

        Assert.Empty(impacts);
        Assert.NotEmpty(server.Requests); // the walk did ask the catalog; only columns were never asked for
        Assert.DoesNotContain(server.Requests, r => r.QueryValue("filter")?.Contains("parent_id", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.Contains("c1000000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASnapshotTakenByTheSnapshotCommandAnswersLikeTheLiveCatalog()
    {
        await using var server = await StartAsync();
        using var folder = new TempFolder();
        folder.Write("datacontracts.yml", $"""
            version: 1
            secoda:
              integration_id: {Warehouse}
            sql:
              paths: ["warehouse/**/*.sql"]
              dialect: snowflake
            contracts:
              - name: orders
                models: ["warehouse/orders.sql"]
            """);
        folder.Write("warehouse/orders.sql", "create or replace table analytics.marts.orders as select 1 as id, 'x' as status, 2 as amount;\n");
        var request = new CheckRequest { WorkingDirectory = folder.Path, Environment = ResilienceWorkspace.Environment(server), CatalogConnector = SecodaConnector.Network, Timeout = TimeSpan.FromSeconds(60) };

        var taken = await SnapshotBuilder.WriteAsync(request, folder.Combine("taken.json"), Ct);
        var (offline, fileWarnings) = await SnapshotCatalog.LoadAsync(folder.Combine("taken.json"), Ct);
        using var live = new SecodaCatalog(Options(server));

        Assert.Equal(CheckOutcome.Pass, taken.Outcome);
        Assert.Empty(fileWarnings);
        Assert.Contains($"\"parentId\": \"{Orders}\"", await File.ReadAllTextAsync(folder.Combine("taken.json"), Ct), StringComparison.Ordinal);
        var offlineColumns = await offline.GetColumnsAsync([Orders, OrderStatus], Ct);
        var liveColumns = await live.GetColumnsAsync([Orders, OrderStatus], Ct);
        Assert.Equal(liveColumns[Orders], offlineColumns[Orders]);
        Assert.Equal(liveColumns[OrderStatus], offlineColumns[OrderStatus]);

        foreach (var broken in new[] { "status", "amount", "id" })
        {
            var offlineAnswer = await AnswerAsync(offline, broken);
            var liveAnswer = await AnswerAsync(live, broken);
            Assert.Equal(Sorted(liveAnswer.Impact.Breaks), Sorted(offlineAnswer.Impact.Breaks));
            Assert.Equal(liveAnswer.Impact.Readers[broken], offlineAnswer.Impact.Readers[broken]);
        }

        AssertIssueAnswer((await AnswerAsync(offline, "STATUS")).Impact);
    }

    [Fact]
    public async Task TheCacheKeepsColumnsAndColumnLineage()
    {
        await using var server = await StartAsync();
        using var folder = new TempFolder();
        var ttl = TimeSpan.FromHours(1);
        var clock = new TestClock();

        ColumnImpact first;
        using (var cached = await CachingCatalog.OpenAsync(new SecodaCatalog(Options(server)), folder.Path, server.Token, ttl, clock, Ct))
        {
            first = (await AnswerAsync(cached, "status")).Impact;
        }

        var before = server.Requests.Count;
        using var again = await CachingCatalog.OpenAsync(new SecodaCatalog(Options(server)), folder.Path, server.Token, ttl, clock, Ct);
        var second = (await AnswerAsync(again, "status")).Impact;

        Assert.Equal(before, server.Requests.Count);
        Assert.Equal(Sorted(first.Breaks), Sorted(second.Breaks));
        AssertIssueAnswer(second);
    }

    [Fact]
    public async Task ARejectedColumnFilterLeavesColumnsUnknownAndCountsEveryConsumer()
    {
        await using var server = await StartAsync();
        server.OnRequest = r => r.QueryValue("filter")?.Contains("parent_id", StringComparison.Ordinal) == true
            ? new FakeResponse(400, "{\"detail\":\"Unknown filter field.\"}")
            : null;
        using var catalog = new SecodaCatalog(Options(server));

        var (impact, diagnostics) = await AnswerAsync(catalog, "status");

        Assert.NotEmpty(impact.Breaks);
        Assert.All(impact.Breaks.Values, b => Assert.Null(b));
        Assert.Contains(catalog.Diagnostics, d => d.Code == "DC6060");
        Assert.Contains(diagnostics, d => d.Code == "DC1040");
    }

    [Fact]
    public async Task AColumnTheCatalogLacksIsCalledBrokenOnlyWhenTheChangeBreaksIt()
    {
        await using var server = await StartAsync();
        using var catalog = new SecodaCatalog(Options(server));

        var (_, breaking) = await WalkAndAnswerAsync(catalog, [new BrokenColumns(Orders, ["no_such_column"])]);
        var (_, logic) = await WalkAndAnswerAsync(catalog, [new BrokenColumns(Orders, ["no_such_column"]) { ValuesOnly = true }]);

        Assert.Contains("the change breaks 'no_such_column'", Assert.Single(breaking, d => d.Code == "DC1040").Message, StringComparison.Ordinal);
        var message = Assert.Single(logic, d => d.Code == "DC1040").Message;
        Assert.Contains("may alter the values of 'no_such_column'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("break", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnRequestsCountAgainstTheRequestBudget()
    {
        await using var server = await StartAsync();
        int walkOnly;
        using (var probe = new SecodaCatalog(Options(server)))
        {
            await new ImpactWalker(probe, DbtGraph.Empty, Warehouse).WalkAsync([new WalkStart(Orders, null)], 10, Ct);
            walkOnly = probe.RequestCount;
        }

        using var full = new SecodaCatalog(Options(server));
        await AnswerAsync(full, "status");
        using var tight = new SecodaCatalog(Options(server) with { RequestBudget = walkOnly + 1 });

        var failure = await Assert.ThrowsAsync<DataContracts.Diagnostics.ServiceException>(() => AnswerAsync(tight, "status"));

        Assert.True(full.RequestCount > walkOnly, "column lookups make requests of their own");
        Assert.Equal("DC6009", failure.Diagnostic.Code);
    }

    private static void AssertIssueAnswer(ColumnImpact impact)
    {
        Assert.Equal(
            new Dictionary<string, bool?>
            {
                [Archive] = null,
                [OrderAmounts] = false,
                [OrderStatus] = true,
                [RevenueDashboard] = false,
                [StatusChart] = true,
            },
            Sorted(impact.Breaks));
        Assert.Equal([OrderStatus, StatusChart], impact.Readers.Values.Single());
        Assert.Equal(2, impact.Spared);
    }

    private static SortedDictionary<string, bool?> Sorted(IReadOnlyDictionary<string, bool?> breaks) =>
        new(breaks.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value), StringComparer.Ordinal);

    private static async Task<(ColumnImpact Impact, IReadOnlyList<DataContracts.Diagnostics.Diagnostic> Diagnostics)> AnswerAsync(ICatalog catalog, string broken)
    {
        var (impacts, diagnostics) = await WalkAndAnswerAsync(catalog, [new BrokenColumns(Orders, [broken])]);
        return (impacts[Orders], diagnostics);
    }

    private static async Task<(IReadOnlyDictionary<string, ColumnImpact>, IReadOnlyList<DataContracts.Diagnostics.Diagnostic>)> WalkAndAnswerAsync(
        ICatalog catalog, IReadOnlyCollection<BrokenColumns> broken)
    {
        var walk = await new ImpactWalker(catalog, DbtGraph.Empty, Warehouse).WalkAsync([new WalkStart(Orders, null)], 10, Ct);
        var (impacts, diagnostics) = await ColumnImpactStage.RunAsync(catalog, walk, broken, 10, Ct);
        return (impacts, diagnostics);
    }
}
