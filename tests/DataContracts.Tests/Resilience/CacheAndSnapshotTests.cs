using DataContracts.Catalog;
using DataContracts.Catalog.Cache;
using DataContracts.Catalog.Snapshot;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Resilience;

/// <summary>The opt-in on-disk cache and <c>snapshot --all</c>, end to end over loopback HTTP.</summary>
public class CacheAndSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecondRunWithTheCacheMakesNoRequestsAndGivesTheSameReport()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var request = workspace.Request(server) with { CacheDirectory = ".cache" };

        var first = await Checker.CheckAsync(request, Ct);
        var afterFirst = server.Requests.Count;
        var second = await Checker.CheckAsync(request, Ct);

        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, server.Requests.Count);
        Assert.Equal(0, second.Stats.ApiRequests);
        Assert.Equal(ResilienceWorkspace.Comparable(first), ResilienceWorkspace.Comparable(second));
        Assert.Single(Directory.GetFiles(workspace.Combine(".cache"), "secoda-*.json"));
        Assert.Empty(Directory.GetFiles(workspace.Combine(".cache"), "*.tmp"));
    }

    [Fact]
    public async Task TheCacheIsKeyedByKeyAndExpiresAfterItsTtl()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var request = workspace.Request(server) with { CacheDirectory = ".cache" };
        await Checker.CheckAsync(request, Ct);
        var before = server.Requests.Count;

        // Another key may see other lineage (Editors see less than Admins): it never shares a file.
        var source = server.ApiUrl.AbsoluteUri;
        var mine = CatalogCacheFile.PathFor(".cache", source, server.Token);
        Assert.NotEqual(mine, CatalogCacheFile.PathFor(".cache", source, server.Token + "-editor"));
        Assert.NotEqual(mine, CatalogCacheFile.PathFor(".cache", "https://eapi.secoda.co/api/v1/", server.Token));
        Assert.DoesNotContain(server.Token, mine, StringComparison.Ordinal);

        // A TTL of 0 minutes makes every cache file stale.
        var expired = await Checker.CheckAsync(
            workspace.Request(server, extra: ("DATACONTRACTS_CACHE_TTL_MINUTES", "0")) with { CacheDirectory = ".cache" }, Ct);
        Assert.True(expired.Stats.ApiRequests > 0);
        Assert.True(server.Requests.Count > before);
    }

    [Fact]
    public async Task TheCacheAgesByTheRunsClockFreshJustBeforeItsTtlStaleAtIt()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var clock = new TestClock();
        var request = workspace.Request(server, extra: ("DATACONTRACTS_CACHE_TTL_MINUTES", "60")) with { CacheDirectory = ".cache", Time = clock };
        await Checker.CheckAsync(request, Ct);
        var written = server.Requests.Count;

        clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        var fresh = await Checker.CheckAsync(request, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await Checker.CheckAsync(request, Ct);

        Assert.True(written > 0);
        Assert.Equal(0, fresh.Stats.ApiRequests);
        Assert.True(stale.Stats.ApiRequests > 0, "a cache file as old as its TTL is stale");
    }

    [Fact]
    public async Task ACorruptCacheFileIsACacheMissNotAFailure()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var request = workspace.Request(server) with { CacheDirectory = ".cache" };
        await Checker.CheckAsync(request, Ct);
        var file = Assert.Single(Directory.GetFiles(workspace.Combine(".cache"), "secoda-*.json"));
        File.WriteAllText(file, "{\"version\":1,\"tables\":");

        var result = await Checker.CheckAsync(request, Ct);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.True(result.Stats.ApiRequests > 0);
        Assert.Equal(0, (await Checker.CheckAsync(request, Ct)).Stats.ApiRequests);
    }

    [Fact]
    public async Task InvalidTuningVariableIsAnInputErrorNamingTheVariable()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();

        var result = await Checker.CheckAsync(workspace.Request(server, extra: ("DATACONTRACTS_RETRY_BASE_MS", "250ms")), Ct);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DC6014", error.Code);
        Assert.Contains("DATACONTRACTS_RETRY_BASE_MS", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SnapshotAllHoldsEveryResourceAndEdgeAndTheOfflineCheckMatchesTheLiveOne()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        server.AddResource(new FakeResource("unrelated-1", "UNRELATED") { Database = "OTHER", Schema = "X" });
        server.AddResource(new FakeResource("unrelated-2", "Unrelated chart") { EntityType = "chart" });
        server.AddEdge("unrelated-1", "unrelated-2");
        var output = workspace.Combine("snap/all.json");

        var written = await SnapshotBuilder.WriteAsync(workspace.Request(server), output, all: true, Ct);

        Assert.Equal(ExitCodes.Success, written.ExitCode);
        var snapshot = (await SnapshotFile.ReadAsync(output, Ct)).Snapshot;
        Assert.Equal(Resources.Length + 2, snapshot.Resources.Length);
        Assert.Equal(Edges.Length + 1, snapshot.Lineage.Length);
        Assert.Contains(new LineageEdge("unrelated-1", "unrelated-2"), snapshot.Lineage);
        Assert.DoesNotContain(server.Token, File.ReadAllText(output), StringComparison.Ordinal);

        var live = await Checker.CheckAsync(workspace.Request(server), Ct);
        var offline = await Checker.CheckAsync(workspace.Request(server) with { CatalogSnapshotPath = output }, Ct);
        Assert.Equal(live.Impacts.Select(i => string.Join(",", i.Downstream.Select(d => d.Id))), offline.Impacts.Select(i => string.Join(",", i.Downstream.Select(d => d.Id))));
    }

    [Fact]
    public async Task SnapshotStopsAtItsDeadlineWithoutWritingAFile()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        server.Faults = new FakeFaultPlan().WithLatency(TimeSpan.FromSeconds(20));
        var output = workspace.Combine("snap.json");

        var result = await SnapshotBuilder.WriteAsync(workspace.Request(server, TimeSpan.FromSeconds(1)), output, all: true, Ct);

        Assert.Equal(ExitCodes.ServiceFailure, result.ExitCode);
        Assert.Equal("DC8003", Assert.Single(result.Diagnostics).Code);
        Assert.False(File.Exists(output));
    }
}
