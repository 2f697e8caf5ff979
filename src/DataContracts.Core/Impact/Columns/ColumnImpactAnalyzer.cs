using System.Collections.Immutable;

namespace DataContracts.Impact.Columns;

/// <summary>What the analysis needs for one source: its broken columns, the table-level walk, the column lineage read.</summary>
internal sealed record ColumnImpactInput
{
    public required BrokenColumns Broken { get; init; }

    /// <summary>Keys of the downstream nodes of the table-level walk from <see cref="BrokenColumns.SourceId"/>.</summary>
    public required ImmutableArray<string> Nodes { get; init; }

    /// <summary>Every table-level edge the walk saw between the source and those nodes (<see cref="WalkResult.Edges"/>).</summary>
    public required ImmutableArray<WalkEdge> Edges { get; init; }

    public required ColumnLineage Lineage { get; init; }
}

/// <summary>
/// Column-level impact, pure: which downstream consumers of a table read a broken column. A consumer is
/// <b>true</b> when column lineage from a broken column reaches one of its columns (or it, for a chart fed by a
/// column). It is <b>false</b> when it is not reached that way and every table-level path to it enters through a
/// "spared" consumer: one with column lineage from the source table, none of it from a broken column. Anything
/// else is <b>null</b>: column lineage is unknown somewhere on a path, and it counts as breaking. Whenever the
/// column answer may be incomplete (no columns listed, a broken column the catalog does not have, a column
/// that cannot be tied to its table, lineage past the depth limit) nothing is spared.
/// </summary>
internal static class ColumnImpactAnalyzer
{
    private const int MaxNesting = 16;

    public static ColumnImpact Analyze(ColumnImpactInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = input.Broken.SourceId;
        var lineage = input.Lineage;
        var columns = lineage.Columns.TryGetValue(source, out var listed) ? listed : [];
        string? unknown = columns.IsEmpty ? "the catalog lists no columns for the table" : null;

        var readers = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var paths = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        var unmatched = ImmutableArray.CreateBuilder<string>();
        foreach (var name in input.Broken.Columns.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var ids = columns.Where(c => string.Equals(c.Title, name, StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).ToArray();
            if (ids.Length == 0)
            {
                unmatched.Add(name);
                unknown ??= $"the catalog has no column '{name}' in the table";
                continue;
            }

            var (owners, problem) = Reach(ids, source, lineage, paths);
            unknown ??= problem is null ? null : $"{problem} (from column '{name}')";
            readers[name] = [.. owners.Order(StringComparer.Ordinal)];
            reached.UnionWith(owners);
        }

        // Consumers with any column lineage from the table: one hop from each of its columns.
        var fed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            foreach (var child in lineage.Downstream.GetValueOrDefault(column.Id, []))
            {
                if (OwnerOf(child, source, lineage) is { } owner)
                {
                    fed.Add(owner);
                }
            }
        }

        var nodes = input.Nodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var breaks = Classify(source, nodes, input.Edges, reached, fed, canSpare: unknown is null);
        return new ColumnImpact
        {
            SourceId = source,
            Breaks = breaks,
            Readers = readers.ToImmutable(),
            Outside = [.. reached.Where(r => !nodes.Contains(r)).Order(StringComparer.Ordinal)
                .Select(r => new OutsideReader(r, lineage.Resources.GetValueOrDefault(r), paths[r]))],
            Unmatched = unmatched.ToImmutable(),
            Unknown = unknown,
        };
    }

    /// <summary>
    /// Everything reachable downstream of the broken column ids, as owners (a column's table, or the resource
    /// itself). Follows lineage from every node reached, columns and charts alike, once each. The first (shortest)
    /// path to each owner is kept in <paramref name="paths"/> as the owners it passed through, source first.
    /// </summary>
    private static (HashSet<string> Owners, string? Problem) Reach(
        string[] brokenIds, string source, ColumnLineage lineage, Dictionary<string, ImmutableArray<string>> paths)
    {
        var owners = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? problem = null;
        var seen = new HashSet<string>(brokenIds, StringComparer.OrdinalIgnoreCase);
        var cameFrom = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(brokenIds);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!lineage.Downstream.TryGetValue(id, out var children))
            {
                problem ??= lineage.NotFollowed.Contains(id)
                    ? "column lineage goes deeper than max_depth"
                    : brokenIds.Contains(id, StringComparer.OrdinalIgnoreCase) ? "the column's lineage was not read" : null;
                continue;
            }

            foreach (var child in children)
            {
                if (!seen.Add(child))
                {
                    continue;
                }

                cameFrom[child] = id;
                var owner = OwnerOf(child, source, lineage);
                if (owner is null)
                {
                    problem ??= $"column {child} could not be tied to its table";
                }
                else if (!string.Equals(owner, source, StringComparison.OrdinalIgnoreCase) && owners.Add(owner) && !paths.ContainsKey(owner))
                {
                    paths[owner] = PathTo(id, owner, source, lineage, cameFrom);
                }

                queue.Enqueue(child);
            }
        }

        return (owners, problem);
    }

    /// <summary>The owners of the lineage nodes from a broken column to <paramref name="last"/>, source first, each once, without <paramref name="owner"/>.</summary>
    private static ImmutableArray<string> PathTo(string last, string owner, string source, ColumnLineage lineage, Dictionary<string, string> cameFrom)
    {
        var path = new List<string>();
        for (string? node = last; node is not null; node = cameFrom.GetValueOrDefault(node))
        {
            var on = OwnerOf(node, source, lineage) ?? node;
            if (!string.Equals(on, owner, StringComparison.OrdinalIgnoreCase) && !path.Contains(on, StringComparer.OrdinalIgnoreCase))
            {
                path.Add(on);
            }
        }

        if (!path.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            path.Add(source);
        }

        path.Reverse();
        return [.. path];
    }

    /// <summary>The consumer a lineage node stands for: a non-column resource itself, a column's table (through nested columns); null when unknown.</summary>
    private static string? OwnerOf(string id, string source, ColumnLineage lineage)
    {
        var current = id;
        for (var i = 0; i < MaxNesting; i++)
        {
            var resource = lineage.Resources.GetValueOrDefault(current)
                ?? lineage.Columns.GetValueOrDefault(source, []).FirstOrDefault(c => string.Equals(c.Id, current, StringComparison.OrdinalIgnoreCase));
            if (resource is null)
            {
                // A parent named by a column but not described: a table (the usual case) only when it is the
                // source; otherwise we cannot tell a table from a nested column's parent.
                return i > 0 && string.Equals(current, source, StringComparison.OrdinalIgnoreCase) ? current : null;
            }

            if (!resource.IsColumn)
            {
                return resource.Id;
            }

            if (resource.ParentId is null)
            {
                return null;
            }

            current = resource.ParentId;
        }

        return null;
    }

    /// <summary>
    /// Taint from the source along table-level edges: an edge out of the source taints its target unless that
    /// target is spared (fed by the table's columns, none broken); every consumer reached through a broken column
    /// is tainted; taint flows along every other edge. Untainted nodes the source reaches are false.
    /// </summary>
    private static ImmutableDictionary<string, bool?> Classify(
        string source, HashSet<string> nodes, ImmutableArray<WalkEdge> edges, HashSet<string> reached, HashSet<string> fed, bool canSpare)
    {
        bool IsSource(string key) => string.Equals(key, source, StringComparison.OrdinalIgnoreCase);
        var children = edges
            .Where(e => !IsSource(e.To) && nodes.Contains(e.To) && (IsSource(e.From) || nodes.Contains(e.From)))
            .GroupBy(e => e.From, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).ToArray(), StringComparer.OrdinalIgnoreCase);

        var tainted = new HashSet<string>(reached.Where(nodes.Contains), StringComparer.OrdinalIgnoreCase);
        var spared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in children.GetValueOrDefault(source, []))
        {
            if (canSpare && fed.Contains(child) && !reached.Contains(child))
            {
                spared.Add(child);
            }
            else
            {
                tainted.Add(child);
            }
        }

        Spread(tainted, children, source);
        var reachable = new HashSet<string>(spared.Concat(tainted), StringComparer.OrdinalIgnoreCase);
        Spread(reachable, children, source);

        return nodes.ToImmutableDictionary(
            n => n,
            n => reached.Contains(n) ? true : tainted.Contains(n) || !reachable.Contains(n) || !canSpare ? (bool?)null : false,
            StringComparer.OrdinalIgnoreCase);
    }

    private static void Spread(HashSet<string> set, Dictionary<string, string[]> children, string source)
    {
        var queue = new Queue<string>(set);
        while (queue.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(queue.Dequeue(), []))
            {
                if (!string.Equals(child, source, StringComparison.OrdinalIgnoreCase) && set.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }
    }
}
