using System.Text;
using System.Text.Json.Nodes;

using DataContracts.Application;
using DataContracts.Catalog.Cache;
using DataContracts.Mapping;
using DataContracts.Secoda;
using DataContracts.Tests.Resilience;

using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Security;

/// <summary>The cache folder may be shared or restored from elsewhere: only files signed with this key are used, and runs never drop each other's answers.</summary>
public class CacheTamperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditedCacheFileIsRejectedWithAWarningAndTheCatalogIsAskedAgain()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var request = workspace.Request(server) with { CacheDirectory = ".cache" };
        await Checker.CheckAsync(request, Ct);
        var file = Assert.Single(Directory.GetFiles(workspace.Combine(".cache"), "secoda-*.json"));

        // Keep the signature, change what it signs: an attacker hides a dashboard by renaming it.
        var envelope = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        envelope["data"] = envelope["data"]!.GetValue<string>().Replace("Finance KPIs", "Nothing to see", StringComparison.Ordinal);
        File.WriteAllText(file, envelope.ToJsonString());

        var result = await Checker.CheckAsync(request, Ct);

        Assert.Contains(result.Diagnostics, d => d.Code == "DC6040");
        Assert.True(result.Stats.ApiRequests > 0);
        Assert.Contains(result.Impacts.SelectMany(i => i.Downstream), d => d.Title == "Finance KPIs");
        Assert.DoesNotContain(result.Impacts.SelectMany(i => i.Downstream), d => d.Title == "Nothing to see");
    }

    [Fact]
    public async Task AFilePlantedUnderAnotherKeyIsNotUsed()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var clock = new TestClock();
        var request = workspace.Request(server) with { CacheDirectory = ".cache", Time = clock };
        var path = CatalogCacheFile.PathFor(workspace.Combine(".cache"), server.ApiUrl.AbsoluteUri, server.Token);
        Directory.CreateDirectory(workspace.Combine(".cache"));
        // Fresh by the run's clock: only the signature can make the run reject it.
        var planted = new CatalogCacheData { Source = server.ApiUrl.AbsoluteUri, CreatedAt = clock.GetUtcNow() };
        File.WriteAllBytes(path, CatalogCacheFile.Sign(planted, "the-attackers-own-key"));

        var result = await Checker.CheckAsync(request, Ct);

        Assert.Contains(result.Diagnostics, d => d.Code == "DC6040");
        Assert.NotEmpty(result.Impacts.SelectMany(i => i.Downstream));
    }

    [Fact]
    public async Task TwoRunsSharingTheFolderKeepEachOthersAnswersAndStrayTemporaryFilesAreRemoved()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync();
        var folder = workspace.Combine(".cache");
        Directory.CreateDirectory(folder);
        var stray = Path.Combine(folder, ".secoda-0123456789abcdef0123456789abcdef.json.0f0e0d0c0b0a09080706050403020100.tmp");
        File.WriteAllText(stray, "left behind by a killed run");
        var orders = TableName.Parse("analytics.marts.orders");
        var items = TableName.Parse("analytics.marts.order_items");

        // Both open before either writes, as two concurrent jobs would.
        var first = await CachingCatalog.OpenAsync(new SecodaCatalog(Options(server)), folder, server.Token, CachingCatalog.DefaultTtl, TimeProvider.System, Ct);
        var second = await CachingCatalog.OpenAsync(new SecodaCatalog(Options(server)), folder, server.Token, CachingCatalog.DefaultTtl, TimeProvider.System, Ct);
        Assert.False(File.Exists(stray));
        await first.FindTablesAsync([orders], Warehouse, Ct);
        await second.FindTablesAsync([items], Warehouse, Ct);
        first.Dispose();
        second.Dispose();

        var before = server.Requests.Count;
        using var third = await CachingCatalog.OpenAsync(new SecodaCatalog(Options(server)), folder, server.Token, CachingCatalog.DefaultTtl, TimeProvider.System, Ct);
        var found = await third.FindTablesAsync([orders, items], Warehouse, Ct);

        Assert.Equal(2, found.Count);
        Assert.Equal(before, server.Requests.Count);
        Assert.Equal(2, third.Hits);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.DoesNotContain(server.Token, Encoding.UTF8.GetString(File.ReadAllBytes(third.CachePath)), StringComparison.Ordinal);
    }
}
