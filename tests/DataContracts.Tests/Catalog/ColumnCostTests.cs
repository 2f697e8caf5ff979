using DataContracts.Application;
using DataContracts.Fakes;
using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

/// <summary>What column lookups cost: nothing for a change that cannot name columns, and never past the concurrency cap.</summary>
public class ColumnCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APlainSqlChangeAsksTheCatalogForNoColumns()
    {
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        secoda.AddResource(new FakeResource("orders", "ORDERS") { Database = "ANALYTICS", Schema = "MARTS" });
        secoda.AddResource(new FakeResource("orders-status", "STATUS") { EntityType = "column", ParentId = "orders" });
        secoda.AddResource(new FakeResource("report", "REPORT") { Database = "ANALYTICS", Schema = "MARTS" });
        secoda.AddEdge("orders", "report");
        using var folder = new TempFolder();
        var request = SqlOrdersWorkspace.Request(folder, secoda);

        var result = await Checker.CheckAsync(request, Ct);

        // Plain SQL is not classified, so no change names a column: the catalog's columns would be evidence for nothing.
        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(["REPORT"], Assert.Single(result.Impacts).Downstream.Select(d => d.Title));
        Assert.DoesNotContain(secoda.Requests, r => r.QueryValue("filter")?.Contains("parent_id", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ColumnLookupsStayUnderTheConcurrencyCap()
    {
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: Ct);
        var tables = Enumerable.Range(0, 12).Select(i => $"t{i:D2}").ToArray();
        foreach (var table in tables)
        {
            secoda.AddResource(new FakeResource(table, table.ToUpperInvariant()) { Database = "ANALYTICS", Schema = "MARTS" });
            secoda.AddResource(new FakeResource(table + "-id", "ID") { EntityType = "column", ParentId = table });
        }

        // Answers take a while, so lookups that were not held back by the cap would overlap.
        secoda.Faults = new FakeFaultPlan().WithLatency(TimeSpan.FromMilliseconds(20));
        var gauge = new InFlightGauge { InnerHandler = new SocketsHttpHandler() };
        using var catalog = new SecodaCatalog(SecodaTestGraph.Options(secoda) with { MaxConcurrency = 2 }, gauge);

        var columns = await catalog.GetColumnsAsync(tables, Ct);

        Assert.All(tables, t => Assert.Equal([t + "-id"], columns[t].Select(c => c.Id)));
        Assert.Equal(tables.Length, secoda.Requests.Count);
        Assert.InRange(gauge.Most, 1, 2);
    }

    /// <summary>The most requests this handler has seen in flight at once.</summary>
    private sealed class InFlightGauge : DelegatingHandler
    {
        private int _now;
        private int _most;

        public int Most => Volatile.Read(ref _most);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _now);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }

            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                // The body is part of the request: the slot is held until it has been read.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }
}
