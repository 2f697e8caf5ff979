using DataContracts.Application;
using DataContracts.Fakes;

namespace DataContracts.Tests.Impact;

/// <summary>The whole walk through the real Secoda client and the fake over loopback: exact, cycle-safe, each node fetched once.</summary>
public class TransitiveOverHttpTests
{
    [Theory]
    [InlineData(LineageFieldStyle.FromEntity)]
    [InlineData(LineageFieldStyle.FromEntityId)]
    [InlineData(LineageFieldStyle.Nested)]
    public async Task DownstreamIsExactOnAGraphWithCyclesAndDiamonds(LineageFieldStyle style)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var secoda = await FakeSecodaServer.StartAsync(cancellationToken: ct);
        secoda.LineageFields = style;
        // ORDERS → A, ORDERS → B, A → C, B → C (diamond), C → D → A (cycle), D → dashboard; an unrelated upstream X → ORDERS.
        secoda.AddResource(new FakeResource("orders", "ORDERS") { Database = "ANALYTICS", Schema = "MARTS" });
        secoda.AddResource(new FakeResource("x", "RAW_ORDERS") { Database = "ANALYTICS", Schema = "RAW" });
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            secoda.AddResource(new FakeResource(id, id.ToUpperInvariant()) { Database = "ANALYTICS", Schema = "MARTS" });
        }

        secoda.AddResource(new FakeResource("dash", "Revenue") { EntityType = "dashboard", NativeType = "dashboard" });
        foreach (var (from, to) in new[] { ("x", "orders"), ("orders", "a"), ("orders", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "a"), ("d", "dash") })
        {
            secoda.AddEdge(from, to);
        }

        using var folder = new TempFolder();
        var request = SqlOrdersWorkspace.Request(folder, secoda);

        var result = await Checker.CheckAsync(request, ct);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        var impact = Assert.Single(result.Impacts);
        Assert.Equal("analytics.marts.orders", impact.Source.Table);
        Assert.Equal(
            ["A:1", "B:1", "C:2", "D:3", "Revenue:4"],
            impact.Downstream.Select(d => $"{d.Title}:{d.Depth}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["orders", "a", "c", "d"], impact.Downstream.Single(d => d.Title == "Revenue").Via);
        var repeated = secoda.Requests.GroupBy(r => r.PathAndQuery).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(repeated);
    }
}
