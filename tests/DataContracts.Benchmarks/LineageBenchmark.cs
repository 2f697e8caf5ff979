using System.Diagnostics;

using DataContracts.Secoda;
using DataContracts.Fakes;
using DataContracts.Impact;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Benchmarks;

/// <summary>
/// A layered workspace (10 layers, ≥ 50,000 resources, ≥ 200,000 edges, skewed fan-out, charts and dashboards
/// in the last layers) served by the fake with fixed latency; 20 tables of the middle layers change; the real
/// client and walker find everything downstream. Prints wall time, requests, duplicates and the ratio to the bound.
/// </summary>
internal static class LineageBenchmark
{
    private static readonly int[] LayerSizes = [1500, 2500, 4000, 5500, 6500, 7000, 7000, 6500, 5500, 4000];
    private const int ParentsPerNode = 5;
    private const int PageSize = 50;

    public static async Task RunAsync(TimeSpan latency, int concurrency)
    {
        var random = new Random(20260115);
        await using var server = await FakeSecodaServer.StartAsync("bench-token");
        server.PageSize = PageSize;
        var layers = new List<string[]>();
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var parents = new Dictionary<string, int>(StringComparer.Ordinal);
        var edges = 0;
        for (var l = 0; l < LayerSizes.Length; l++)
        {
            var ids = Enumerable.Range(0, LayerSizes[l]).Select(i => $"{l:D2}-{i:D6}-0000-4000-8000-000000000000").ToArray();
            layers.Add(ids);
            foreach (var id in ids)
            {
                var type = l >= 9 ? "dashboard" : l >= 8 ? "chart" : "table";
                server.AddResource(new FakeResource(id, $"T{id[..9]}") { EntityType = type, Database = type == "table" ? "DB" : null, Schema = type == "table" ? $"L{l}" : null });
                children[id] = [];
            }

            if (l == 0)
            {
                continue;
            }

            // Skewed fan-out: parents drawn with a power law, so a few hubs feed thousands while most feed a handful.
            var above = layers[l - 1];
            foreach (var id in ids)
            {
                foreach (var p in Enumerable.Range(0, ParentsPerNode).Select(_ => above[(int)(above.Length * Math.Pow(random.NextDouble(), 3))]).Distinct())
                {
                    server.AddEdge(p, id);
                    children[p].Add(id);
                    parents[id] = parents.GetValueOrDefault(id) + 1;
                    edges++;
                }
            }
        }

        var starts = layers[3].Take(10).Concat(layers[4].Take(10)).ToArray();
        Console.WriteLine($"lineage: {LayerSizes.Sum()} resources, {edges} edges, depth {LayerSizes.Length - 1}, 20 changed tables in layers 3-4, latency {latency.TotalMilliseconds} ms, concurrency {concurrency}");

        server.Faults = new FakeFaultPlan().WithLatency(latency);
        using var catalog = new SecodaCatalog(new SecodaOptions
        {
            BaseUrl = server.ApiUrl.AbsoluteUri,
            Token = "bench-token",
            MaxConcurrency = concurrency,
            RequestBudget = 1_000_000,
            MaxPages = 100_000,
        });
        var walker = new ImpactWalker(catalog, DbtGraph.Empty, null);
        var clock = Stopwatch.StartNew();
        var walk = await walker.WalkAsync([.. starts.Select(s => new WalkStart(s, null))], 10, CancellationToken.None);
        clock.Stop();

        var reached = walk.Downstream.Values.SelectMany(v => v).Select(n => n.Key).Distinct().Count();
        var duplicates = server.Requests.GroupBy(r => r.PathAndQuery).Sum(g => g.Count() - 1);
        var bound = LowerBound(starts, children, parents, concurrency) * latency.TotalMilliseconds;
        Console.WriteLine($"lineage: reached {reached} distinct resources, details {walk.Resources.Count}");
        Console.WriteLine($"lineage: wall {clock.ElapsedMilliseconds} ms, requests {server.Requests.Count}, duplicate requests {duplicates}, lower bound {bound:0} ms, ratio {clock.ElapsedMilliseconds / bound:0.00}");
    }

    /// <summary>
    /// The bound of docs/performance.md, in round trips: per BFS level, the larger of the dependent rounds the
    /// API forces (1, plus 1 when one node's lineage spans several pages) and the pages the level's rows need
    /// divided by the concurrency cap; plus one round for the last level's details.
    /// </summary>
    private static double LowerBound(string[] starts, Dictionary<string, List<string>> children, Dictionary<string, int> parents, int cap)
    {
        var seen = new HashSet<string>(starts, StringComparer.Ordinal);
        var level = starts.ToList();
        double rounds = 1;
        while (level.Count > 0)
        {
            // Each node is read both ways; the fake stores two rows per edge, so each query returns in+out rows.
            long rows = 0;
            var multiPage = false;
            foreach (var id in level)
            {
                var perQuery = children[id].Count + parents.GetValueOrDefault(id);
                rows += 2L * perQuery;
                multiPage |= perQuery > PageSize;
            }

            rounds += Math.Max(multiPage ? 2 : 1, Math.Ceiling((double)rows / PageSize) / cap);
            level = [.. level.SelectMany(id => children[id]).Where(seen.Add)];
            if (level.Count == 0)
            {
                break;
            }
        }

        return rounds;
    }
}
