using CsCheck;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// The <c>breaks</c> rule on random lineage, against a direct reading of it: source <c>s</c> and up to six
/// consumers, table edges only from lower to higher numbers (the walk lists what the source reaches), each
/// consumer with three columns, each fed or not by a column of the table-level parent (column lineage follows
/// table lineage). The dropped column is <c>s.c0</c>. A consumer is <b>true</b> when a column path leads from
/// s.c0 to it; <b>false</b> when not, and every table path from s to it starts with a "spared" consumer (a
/// direct consumer with column lineage from s, none from s.c0); otherwise <b>null</b>. A spared consumer that is
/// also reached through a path starting elsewhere is null: what that other consumer passes on is not known.
/// </summary>
public class ColumnImpactPropertyTests
{
    private const int Columns = 3;

    private static readonly Gen<(int N, bool[] Tables, int[] Feeds)> Graphs =
        Gen.Int[1, 6].SelectMany(n => Gen.Select(Gen.Bool.Array[Pairs(n)], Gen.Int[-1, Columns - 1].Array[Pairs(n) * Columns], (t, f) => (n, t, f)));

    [Fact]
    public void BreaksIsTrueFalseOrNullExactlyAsTheRuleSays()
    {
        var seen = new int[3];
        Graphs.Sample(g =>
        {
            var (tables, columns) = Build(g.N, g.Tables, g.Feeds);
            var graph = new ColumnGraph("s");
            for (var c = 0; c < Columns; c++)
            {
                graph.SourceColumn($"c{c}");
            }

            foreach (var (from, to) in tables)
            {
                graph.Tables(from, to);
            }

            foreach (var (from, to) in columns)
            {
                graph.Column(from, to);
            }

            var impact = graph.Analyze("c0");

            foreach (var (node, expected) in Expected(tables, columns))
            {
                Assert.True(expected == impact.Breaks[node], $"{node}: expected {expected?.ToString() ?? "null"}, got {impact.Breaks[node]?.ToString() ?? "null"}");
                Interlocked.Increment(ref seen[expected switch { true => 0, false => 1, null => 2 }]);
            }
        }, iter: 2000);

        // The graphs are varied enough to exercise every answer.
        Assert.All(seen, count => Assert.True(count > 100, string.Join(", ", seen)));
    }

    private static int Pairs(int n) => (n + 1) * n / 2;

    private static string Name(int i) => i == 0 ? "s" : $"n{i}";

    private static (List<(string From, string To)> Tables, List<(string From, string To)> Columns) Build(int n, bool[] tableBits, int[] feeds)
    {
        var tables = new List<(string, string)>();
        var columns = new List<(string, string)>();
        var p = 0;
        for (var i = 0; i <= n; i++)
        {
            for (var j = i + 1; j <= n; j++, p++)
            {
                if (!tableBits[p])
                {
                    continue;
                }

                tables.Add((Name(i), Name(j)));
                for (var c = 0; c < Columns; c++)
                {
                    if (feeds[(p * Columns) + c] is var f and >= 0)
                    {
                        columns.Add(($"{Name(i)}.c{f}", $"{Name(j)}.c{c}"));
                    }
                }
            }
        }

        return (tables, columns);
    }

    private static Dictionary<string, bool?> Expected(List<(string From, string To)> tables, List<(string From, string To)> columns)
    {
        static string Owner(string column) => column[..column.IndexOf('.', StringComparison.Ordinal)];
        var broken = Closure(["s.c0"], columns);
        var reads = broken.Where(c => Owner(c) != "s").Select(Owner).ToHashSet();
        var direct = tables.Where(e => e.From == "s").Select(e => e.To).ToHashSet();
        var spared = direct.Where(d => !reads.Contains(d) && columns.Any(c => Owner(c.From) == "s" && Owner(c.To) == d)).ToHashSet();
        var unsafeFrom = Closure(direct.Except(spared), tables);
        return Closure(direct, tables).ToDictionary(v => v, v => reads.Contains(v) ? true : unsafeFrom.Contains(v) ? (bool?)null : false);
    }

    private static HashSet<string> Closure(IEnumerable<string> starts, List<(string From, string To)> edges)
    {
        var seen = starts.ToHashSet();
        var queue = new Queue<string>(seen);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (_, to) in edges.Where(e => e.From == node))
            {
                if (seen.Add(to))
                {
                    queue.Enqueue(to);
                }
            }
        }

        return seen;
    }
}
