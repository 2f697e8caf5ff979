using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Mapping;
using DataContracts.Secoda;
using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Catalog;

public class SecodaFailureTests
{
    private const string Secret = "tok-SECRET-5f0c1d2e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Faults => new()
    {
        { "401", "DC6001" },
        { "403", "DC6002" },
        { "404-lineage", "DC6003" },
        { "503-forever", "DC6005" },
        { "html-200", "DC6006" },
        { "truncated-json", "DC6006" },
        { "no-results", "DC6006" },
        { "400-lineage", "DC6006" },
        { "redirect", "DC6006" },
        { "timeout", "DC6005" },
        { "reset", "DC6005" },
        { "loop", "DC6007" },
        { "page-guard", "DC6007" },
        { "budget", "DC6009" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task FailuresBecomeServiceExceptionsWithTheirCodeAndNeverShowTheToken(string fault, string code)
    {
        await using var server = await StartAsync(Secret);
        var options = Options(server);
        // Every error body echoes what the client sent, the way a careless proxy might.
        static FakeResponse Echo(FakeRequest r, int status) => new(status, $$"""{"detail":"rejected {{r.Authorization}}"}""");
        switch (fault)
        {
            case "401":
                options = options with { Token = Secret + "-wrong" };
                break;
            case "403":
                server.OnRequest = r => Echo(r, 403);
                break;
            case "404-lineage":
                server.OnRequest = r => r.Route == "/lineage/manual/" ? Echo(r, 404) : null;
                break;
            case "503-forever":
                server.OnRequest = r => Echo(r, 503);
                break;
            case "html-200":
                server.OnRequest = _ => new FakeResponse(200, "<!doctype html><html><body>Secoda</body></html>", "text/html");
                break;
            case "truncated-json":
                server.OnRequest = _ => new FakeResponse(200, """{"links":{"next":"None"},"results":[{"id":"a" """);
                break;
            case "no-results":
                server.OnRequest = _ => new FakeResponse(200, """{"detail":"ok"}""");
                break;
            case "400-lineage":
                server.OnRequest = r => r.Route == "/lineage/manual/" ? Echo(r, 400) : null;
                break;
            case "redirect":
                server.OnRequest = r => new FakeResponse(302) { Headers = new Dictionary<string, string> { ["Location"] = "https://login.example.com/sso" } };
                break;
            case "timeout":
                options = options with { PerRequestTimeout = TimeSpan.FromMilliseconds(150), MaxRetries = 1 };
                server.OnRequest = _ => new FakeResponse(200) { Delay = TimeSpan.FromSeconds(5) };
                break;
            case "reset":
                server.OnRequest = _ => new FakeResponse(200) { Abort = true };
                break;
            case "loop":
                server.PageSize = 1;
                server.RewriteNextLink = u => new Uri(u.AbsoluteUri.Replace("page=2", "page=1", StringComparison.Ordinal));
                break;
            case "page-guard":
                server.PageSize = 1;
                options = options with { MaxPages = 2 };
                break;
            case "budget":
                options = options with { RequestBudget = 3 };
                break;
        }

        using var catalog = new SecodaCatalog(options);
        var ex = await Assert.ThrowsAsync<ServiceException>(() => WalkAsync(catalog));

        Assert.Equal(code, ex.Diagnostic.Code);
        Assert.Equal(Severity.Error, ex.Diagnostic.Severity);
        Assert.False(string.IsNullOrWhiteSpace(ex.Diagnostic.Hint));
        foreach (var text in new[] { ex.ToString(), ex.Diagnostic.Message, ex.Diagnostic.Hint!, catalog.Source, options.ToString() }
            .Concat(catalog.Diagnostics.Select(d => d.Message + d.Hint)))
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }

        if (fault == "401")
        {
            Assert.Contains("SECODA_API_TOKEN", ex.Diagnostic.Hint, StringComparison.Ordinal);
            Assert.Equal(1, catalog.RequestCount); // 4xx other than 429 is never retried
        }
        else if (fault == "503-forever")
        {
            Assert.Equal(options.MaxRetries + 1, server.Requests.Count);
            Assert.Equal(server.Requests.Count, catalog.RequestCount);
        }
        else if (fault == "400-lineage")
        {
            // Not retried: every lineage request was sent exactly once.
            Assert.Contains(server.Requests, r => r.Route == "/lineage/manual/");
            Assert.All(server.Requests.GroupBy(r => r.PathAndQuery), g => Assert.Single(g));
        }
    }

    [Fact]
    public async Task ThrottlingIsRetriedHonouringACappedRetryAfter()
    {
        await using var server = await StartAsync();
        var calls = 0;
        server.OnRequest = _ => Interlocked.Increment(ref calls) <= 2
            ? new FakeResponse(429, """{"detail":"Request was throttled."}""") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } }
            : null;
        var clock = new TestClock();
        var cap = TimeSpan.FromSeconds(60);
        // A clock that records the waits instead of sleeping them: the cap is seen, not timed.
        using var catalog = new SecodaCatalog(Options(server) with { MaxConcurrency = 1, PrefetchDetails = false, MaxRetryDelay = cap, Time = clock });

        var downstream = await catalog.GetDownstreamAsync([Orders], Ct);

        Assert.Equal([Items, Kpis], downstream[Orders]);
        Assert.Equal(4, catalog.RequestCount);
        Assert.Equal([cap, cap], clock.Waits.Select(w => w.Delay));
    }

    [Fact]
    public async Task UnreachableHostSaysWhichSettingToCheck()
    {
        using var closed = new ClosedPort();
        using var catalog = new SecodaCatalog(new SecodaOptions
        {
            BaseUrl = $"http://127.0.0.1:{closed.Port}",
            Token = Secret,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        });
        var ex = await Assert.ThrowsAsync<ServiceException>(() => catalog.GetDownstreamAsync([Orders], Ct));

        Assert.Equal("DC6004", ex.Diagnostic.Code);
        Assert.Contains("SECODA_API_URL", ex.Diagnostic.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextLinkToAnotherHostIsRefusedAndTheTokenNeverLeaves()
    {
        await using var server = await StartAsync(Secret);
        await using var foreign = await FakeSecodaServer.StartAsync(Secret, host: "127.0.0.2", cancellationToken: Ct);
        server.PageSize = 1;
        server.RewriteNextLink = u => new UriBuilder(u) { Host = "127.0.0.2", Port = foreign.BaseUrl.Port }.Uri;
        using var catalog = new SecodaCatalog(Options(server));

        var ex = await Assert.ThrowsAsync<ServiceException>(() => catalog.GetDownstreamAsync([Orders], Ct));

        Assert.Equal("DC6008", ex.Diagnostic.Code);
        Assert.Contains("127.0.0.2", ex.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(foreign.Requests);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationIsNotTurnedIntoAServiceError()
    {
        await using var server = await StartAsync();
        server.OnRequest = _ => new FakeResponse(200) { Delay = TimeSpan.FromSeconds(10) };
        using var catalog = new SecodaCatalog(Options(server));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => catalog.GetDownstreamAsync([Orders], cts.Token));
    }

    private static async Task WalkAsync(SecodaCatalog catalog)
    {
        await catalog.FindTablesAsync([TableName.Parse("analytics.marts.orders")], Warehouse, Ct);
        var downstream = await catalog.GetDownstreamAsync([Orders, Items, Kpis, Revenue, Raw], Ct);
        await catalog.GetResourcesAsync([.. downstream.Values.SelectMany(v => v)], Ct);
    }
}
