using System.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Impact;
using DataContracts.Impact.Columns;
using DataContracts.Mapping;
using DataContracts.Secoda;

namespace DataContracts.Benchmarks;

/// <summary>
/// A layered workspace (10 layers, ≥ 50,000 resources, ≥ 200,000 edges, skewed fan-out, charts and dashboards
/// in the last layers) served by the fake with fixed latency; 20 tables of the middle layers change; the real
/// client and walker find everything downstream. Prints wall time, requests, duplicates and the ratio to the bound.
/// With <c>--columns</c>, every table from layer 3 on also has columns, column lineage runs beside table lineage,
/// and column C1 of each changed table is dropped: the column step (its columns, then column lineage from them)
/// is measured after the walk against its own bound, and the two together against the sum.
/// </summary>
internal static class LineageBenchmark
{
    private static readonly int[] LayerSizes = [1500, 2500, 4000, 5500, 6500, 7000, 7000, 6500, 5500, 4000];
    private const int ParentsPerNode = 5;
    private const int PageSize = 50;
    private const int ColumnsPerTable = 3;
    private const int FirstLayerWithColumns = 3;

    public static async Task RunAsync(TimeSpan latency, int concurrency, bool withColumns)
    {
        var random = new Random(20260115);
        // Its own sequence, so the table graph is the same with and without columns.
        var columnRandom = new Random(20261129);
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
                if (withColumns && type == "table" && l >= FirstLayerWithColumns)
                {
                    for (var c = 0; c < ColumnsPerTable; c++)
                    {
                        server.AddResource(new FakeResource(ColumnId(id, c), $"C{c}") { EntityType = "column", ParentId = id });
                        children[ColumnId(id, c)] = [];
                    }
                }
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
                    if (withColumns && l > FirstLayerWithColumns && l <= 8)
                    {
                        // Each consumer reads one of its parent's columns (drawn at random), into its own column
                        // of the same name, or directly when it is a chart or dashboard.
                        var read = columnRandom.Next(ColumnsPerTable);
                        var to = l >= 8 ? id : ColumnId(id, read);
                        server.AddEdge(ColumnId(p, read), to);
                        children[ColumnId(p, read)].Add(to);
                        parents[to] = parents.GetValueOrDefault(to) + 1;
                        edges++;
                    }
                }
            }
        }

        var starts = layers[3].Take(10).Concat(layers[4].Take(10)).ToArray();
        Console.WriteLine($"lineage: {LayerSizes.Sum()} resources, {edges} edges, depth {LayerSizes.Length - 1}, 20 changed tables in layers 3-4, latency {latency.TotalMilliseconds} ms, concurrency {concurrency}");

        server.Faults = new FakeFaultPlan().WithLatency(latency);
        using var meter = new InFlightMeter();
        using var catalog = new SecodaCatalog(new SecodaOptions
        {
            BaseUrl = server.ApiUrl.AbsoluteUri,
            Token = "bench-token",
            MaxConcurrency = concurrency,
            RequestBudget = 1_000_000,
            MaxPages = 100_000,
        }, meter);
        var walker = new ImpactWalker(catalog, DbtGraph.Empty, null);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var walk = await walker.WalkAsync([.. starts.Select(s => new WalkStart(s, null))], 10, CancellationToken.None);
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var reached = walk.Downstream.Values.SelectMany(v => v).Select(n => n.Key).Distinct().Count();
        var duplicates = server.Requests.GroupBy(r => r.PathAndQuery).Sum(g => g.Count() - 1);
        var bound = LowerBound(starts, children, parents, concurrency) * latency.TotalMilliseconds;
        Console.WriteLine($"lineage: reached {reached} distinct resources, details {walk.Resources.Count}; CPU of client and fake together {cpu:0} ms over {clock.ElapsedMilliseconds} ms on {Environment.ProcessorCount} cores; " +
            $"{meter.Total.TotalMilliseconds / clock.ElapsedMilliseconds:0.0} requests in flight on average (cap {concurrency}), {meter.Total.TotalMilliseconds / Math.Max(1, meter.Count):0.0} ms each to its headers");
        Console.WriteLine($"lineage: wall {clock.ElapsedMilliseconds} ms, requests {server.Requests.Count}, duplicate requests {duplicates}, lower bound {bound:0} ms, ratio {clock.ElapsedMilliseconds / bound:0.00}");
        if (!withColumns)
        {
            return;
        }

        // The column step as the check runs it after the walk: C1 of every changed table is dropped.
        var walkRequests = server.Requests.Count;
        var columnClock = Stopwatch.StartNew();
        var (impacts, _) = await ColumnImpactStage.RunAsync(catalog, walk, [.. starts.Select(s => new BrokenColumns(s, ["C1"]))], 10, CancellationToken.None);
        columnClock.Stop();
        var columnRequests = server.Requests.Count - walkRequests;
        var columnDuplicates = server.Requests.GroupBy(r => r.PathAndQuery).Sum(g => g.Count() - 1) - duplicates;
        var columnBound = ColumnBound(starts, children, parents, concurrency) * latency.TotalMilliseconds;
        var total = clock.ElapsedMilliseconds + columnClock.ElapsedMilliseconds;
        Console.WriteLine(
            $"lineage --columns: breaks true {impacts.Values.Sum(i => i.Breaks.Count(b => b.Value == true))}, false {impacts.Values.Sum(i => i.Breaks.Count(b => b.Value == false))}, " +
            $"unknown {impacts.Values.Sum(i => i.Breaks.Count(b => b.Value is null))}");
        Console.WriteLine(
            $"lineage --columns: column step wall {columnClock.ElapsedMilliseconds} ms, requests {columnRequests}, duplicate requests {columnDuplicates}, " +
            $"bound {columnBound:0} ms, ratio {columnClock.ElapsedMilliseconds / columnBound:0.00}; walk and columns {total} ms ÷ {bound + columnBound:0} ms = {total / (bound + columnBound):0.00}");
    }

    // The table's id with its fourth group numbering the column (tables have 0000 there).
    private static string ColumnId(string table, int column) => $"{table[..10]}{column + 1:D4}{table[14..]}";

    /// <summary>
    /// The column rounds, in round trips: one for the changed tables' columns (one request per table, so tables ÷
    /// cap rounds), then per level of column lineage the same rule as <see cref="LowerBound"/>: level 0 is every
    /// column of the changed tables (one hop tells who reads the table's columns at all), later levels what the
    /// dropped columns reach; plus one round for the details of the last level.
    /// </summary>
    private static double ColumnBound(string[] starts, Dictionary<string, List<string>> children, Dictionary<string, int> parents, int cap)
    {
        double rounds = Math.Ceiling((double)starts.Length / cap);
        var level = starts.SelectMany(s => Enumerable.Range(0, ColumnsPerTable).Select(c => ColumnId(s, c))).ToList();
        var follow = starts.Select(s => ColumnId(s, 1)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(level, StringComparer.Ordinal);
        for (var depth = 0; depth < 10 && level.Count > 0; depth++)
        {
            rounds += LevelRounds(level, children, parents, cap);
            level = [.. level.Where(follow.Contains).SelectMany(id => children[id]).Where(c => follow.Add(c) && seen.Add(c))];
        }

        return rounds + 1;
    }

    private static double LevelRounds(List<string> level, Dictionary<string, List<string>> children, Dictionary<string, int> parents, int cap)
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

        return Math.Max(multiPage ? 2 : 1, Math.Ceiling((double)rows / PageSize) / cap);
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
            rounds += LevelRounds(level, children, parents, cap);
            level = [.. level.SelectMany(id => children[id]).Where(seen.Add)];
            if (level.Count == 0)
            {
                break;
            }
        }

        return rounds;
    }
}
