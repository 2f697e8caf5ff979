using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Resilience;

/// <summary>
/// The whole check (contract file → SQL mapping → Secoda over loopback HTTP → verdict) under injected faults:
/// transient faults must not change the answer; a dead or refusing service must fail plainly and in time.
/// </summary>
public class FaultMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> TransientFaults => new() { "throttle", "throttle-date", "5xx-burst", "reset", "html-200", "truncated", "no-results", "mixed" };

    [Fact]
    public async Task FaultFreeRunFindsTheImpact()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();

        var result = await Checker.CheckAsync(workspace.Request(server), Ct);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(ExitCodes.ContractViolation, result.ExitCode);
        var orders = Assert.Single(result.Impacts, i => i.Source.Contract == "orders");
        Assert.Equal(new[] { Items, Kpis, Revenue }.Order(StringComparer.Ordinal), orders.Downstream.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Contains(orders.Downstream, d => d.Title == "Finance KPIs" && d.Depth == 1);
        Assert.True(result.Stats.ApiRequests > 0);
    }

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFaultsAtIntervalsLeaveTheReportUnchanged(string fault)
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var expected = ResilienceWorkspace.Comparable(await Checker.CheckAsync(workspace.Request(server), Ct));
        var cleanRequests = server.Requests.Count;
        var clock = new TestClock();
        var until = clock.Start.AddSeconds(7);

        server.Faults = fault switch
        {
            "throttle" => new FakeFaultPlan().Flaky(everyNth: 2, failures: 2, FakeFaults.Throttle(retryAfterSeconds: 1)),
            "throttle-date" => new FakeFaultPlan().Flaky(everyNth: 3, failures: 1, FakeFaults.ThrottleUntil(until)),
            "5xx-burst" => new FakeFaultPlan().Burst(first: 2, length: 3, FakeFaults.ServerError(503)).Burst(first: 9, length: 2, FakeFaults.ServerError(502)),
            "reset" => new FakeFaultPlan().Flaky(everyNth: 2, failures: 1, FakeFaults.Reset()),
            "html-200" => new FakeFaultPlan().Flaky(everyNth: 2, failures: 2, FakeFaults.HtmlPage()),
            "truncated" => new FakeFaultPlan().Flaky(everyNth: 2, failures: 1, FakeFaults.Truncated()),
            "no-results" => new FakeFaultPlan().Flaky(everyNth: 3, failures: 1, FakeFaults.NoResults()),
            _ => new FakeFaultPlan()
                .Flaky(everyNth: 4, failures: 1, FakeFaults.Throttle(retryAfterSeconds: 1), offset: 0)
                .Flaky(everyNth: 4, failures: 2, FakeFaults.ServerError(500), offset: 1)
                .Flaky(everyNth: 4, failures: 1, FakeFaults.Truncated(), offset: 2)
                .Flaky(everyNth: 4, failures: 1, FakeFaults.Reset(), offset: 3),
        };
        // The shipped retry policy (1 s backoff base, 60 s cap) on a clock that records each wait instead of sleeping it.
        var result = await Checker.CheckAsync(workspace.Request(server, clock), Ct);

        Assert.True(server.Faults.Injected > 0, "the plan must actually have injected faults");
        Assert.Equal(expected, ResilienceWorkspace.Comparable(result));
        Assert.Equal(server.Requests.Count - cleanRequests, result.Stats.ApiRequests);
        Assert.True(result.Stats.ApiRequests > cleanRequests, "faults cost retries");
        // Every retry waited first, on the run's clock, and never longer than the cap.
        Assert.Equal(result.Stats.ApiRequests - cleanRequests, clock.Waits.Count);
        Assert.All(clock.Waits, w => Assert.InRange(w.Delay, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(60)));
        switch (fault)
        {
            case "throttle":
                // Retry-After: 1 is honoured as given, not replaced by the backoff.
                Assert.All(clock.Waits, w => Assert.Equal(TimeSpan.FromSeconds(1), w.Delay));
                break;
            case "throttle-date":
                // Retry-After as a date: the client waits until that moment by its own clock.
                Assert.All(clock.Waits, w => Assert.Equal(until, w.At + w.Delay));
                break;
            case "mixed":
                Assert.Contains(clock.Waits, w => w.Delay == TimeSpan.FromSeconds(1));
                break;
        }
    }
}

/// <summary>When the catalog cannot be used: exit 3 in time with what to check, or, by policy, a loud pass.</summary>
public class CatalogDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Outages => new()
    {
        { "down", "DC6004", "SECODA_API_URL" },
        { "401", "DC6001", "SECODA_API_TOKEN" },
        { "403", "DC6002", "Admin" },
        { "503-forever", "DC6005", "try again later" },
        { "html-forever", "DC6006", "secoda.url" },
        { "hang", "DC8003", "--timeout" },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task AnUnusableCatalogFailsWithExit3WithinTheDeadlineAndSaysWhatToCheck(string outage, string code, string hintMentions)
    {
        using var workspace = new ResilienceWorkspace();
        using var closed = new ClosedPort();
        await using var server = await StartOutageAsync(outage);
        var deadline = TimeSpan.FromSeconds(3);

        var result = await Checker.CheckAsync(workspace.Request(server, deadline, token: outage == "401" ? "wrong-key" : null, Down(outage, closed)), Ct);

        // "Within the deadline" without timing the test: an outage retried until the deadline would end in DC8003,
        // so each outage reporting its own code shows it was recognised before the deadline; only the hang is DC8003.
        Assert.Equal(ExitCodes.ServiceFailure, result.ExitCode);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(code, error.Code);
        Assert.Contains(hintMentions, error.Hint ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("down")]
    [InlineData("401")]
    [InlineData("hang-per-request")]
    public async Task WarnPolicyPassesLoudlyNamingEveryUncheckedModel(string outage)
    {
        using var workspace = new ResilienceWorkspace(onCatalogError: "warn");
        using var closed = new ClosedPort();
        await using var server = await StartOutageAsync(outage);

        var result = await Checker.CheckAsync(
            workspace.Request(server, TimeSpan.FromSeconds(30), token: outage == "401" ? "wrong-key" : null, [.. Down(outage, closed), ("DATACONTRACTS_REQUEST_TIMEOUT_MS", "200"), ("DATACONTRACTS_MAX_RETRIES", "1")]), Ct);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(CheckOutcome.Warn, result.Outcome);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.CatalogUnavailableWarn.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        foreach (var model in new[] { "warehouse/orders.sql", "warehouse/order_items.sql" })
        {
            Assert.Contains(model, warning.Message, StringComparison.Ordinal);
        }

        Assert.Empty(result.Coverage.Checked);
        Assert.Equal(2, result.Coverage.Unchecked.Length);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    /// <summary>"down": the catalog's URL is a port that refuses connections (see <see cref="ClosedPort"/>).</summary>
    private static (string Name, string Value)[] Down(string outage, ClosedPort closed) =>
        outage == "down" ? [("SECODA_API_URL", closed.Url("api/v1/").AbsoluteUri)] : [];

    /// <summary>A fake in the given state; for "down" the request is pointed elsewhere (<see cref="Down"/>).</summary>
    private static async Task<FakeSecodaServer> StartOutageAsync(string outage)
    {
        var server = await StartAsync();
        switch (outage)
        {
            case "403":
                server.Faults = new FakeFaultPlan().Always(FakeFaults.Forbidden());
                break;
            case "503-forever":
                server.Faults = new FakeFaultPlan().Always(FakeFaults.ServerError(503));
                break;
            case "html-forever":
                server.Faults = new FakeFaultPlan().Always(FakeFaults.HtmlPage());
                break;
            case "hang":
                server.Faults = new FakeFaultPlan().Always(FakeFaults.Slow(TimeSpan.FromSeconds(60)));
                break;
            case "hang-per-request":
                server.Faults = new FakeFaultPlan().Always(FakeFaults.Slow(TimeSpan.FromSeconds(5)));
                break;
        }

        return server;
    }
}
