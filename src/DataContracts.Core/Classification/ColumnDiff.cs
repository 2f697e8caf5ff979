using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Mapping.Sql;

namespace DataContracts.Classification;

/// <summary>One projection whose expression differs: its output name, the select it is in (a CTE or the final select) and both texts.</summary>
internal sealed record ChangedProjection(string Column, string Block, string? Before, string? After)
{
    public bool InFinalSelect => Block.StartsWith("final", StringComparison.Ordinal);
}

/// <summary>
/// The projections that differ between two SQL texts. <see cref="Complete"/> is false when some change cannot be
/// tied to a named column (a select added or removed, a <c>*</c> or unnamed projection changed, a list that cannot
/// be read): then nothing may be concluded about the columns left out.
/// </summary>
internal sealed record ColumnDiffResult(ImmutableArray<ChangedProjection> Changed, bool Complete);

/// <summary>
/// Which select-list expressions changed, select by select (each CTE by its name, the final select, then the
/// others in order), so a reason can name the column rather than say "select expressions changed".
/// </summary>
internal static class ColumnDiff
{
    public static ColumnDiffResult Compare(string before, string after, SqlDialect dialect)
    {
        var a = Blocks(SelectList.Significant(before, dialect));
        var b = Blocks(SelectList.Significant(after, dialect));
        var complete = a.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(b.Keys);
        var changed = ImmutableArray.CreateBuilder<ChangedProjection>();
        foreach (var (key, x) in a)
        {
            if (!b.TryGetValue(key, out var y) || x is null || y is null)
            {
                complete &= x is not null && y is not null;
                continue;
            }

            foreach (var name in x.Keys.Union(y.Keys, StringComparer.OrdinalIgnoreCase))
            {
                var was = x.GetValueOrDefault(name);
                var now = y.GetValueOrDefault(name);
                if (string.Equals(was?.Expression, now?.Expression, StringComparison.Ordinal))
                {
                    continue;
                }

                if (name.StartsWith('#'))
                {
                    complete = false; // a `*` or unnamed projection: which columns it changes is not written
                    continue;
                }

                changed.Add(new ChangedProjection(was?.Name ?? now!.Name, key, was?.Expression, now?.Expression));
            }
        }

        return new ColumnDiffResult(changed.ToImmutable(), complete);
    }

    /// <summary>
    /// True when, in <paramref name="sql"/>, each named column is read only by projections of the same name (passed
    /// through, or the changed one itself): no other column, filter, join or grouping reads it, so a change of its
    /// values stays in that column.
    /// </summary>
    public static bool StaysInItsColumn(string sql, IReadOnlyCollection<string> names, SqlDialect dialect)
    {
        var tokens = SelectList.Significant(sql, dialect);
        var wanted = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowed = new HashSet<int>();
        foreach (var (_, block) in Blocks(tokens))
        {
            if (block is null)
            {
                return false;
            }

            foreach (var projection in block.Values.Where(p => wanted.Contains(p.Name)))
            {
                allowed.UnionWith(projection.Offsets);
            }
        }

        return !tokens.Any(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && wanted.Contains(t.Value) && !allowed.Contains(t.Offset));
    }

    /// <summary>
    /// The cast a projection gained: <c>cast(x as t)</c> or <c>x::t</c> around the expression it had, as the
    /// normalised type text; null when the change is anything else.
    /// </summary>
    public static string? AddedCast(ChangedProjection change)
    {
        if (change.Before is not { } before || change.After is not { } after)
        {
            return null;
        }

        var prefix = "cast ( " + before + " as ";
        if (after.StartsWith(prefix, StringComparison.Ordinal) && after.EndsWith(" )", StringComparison.Ordinal) && after.Length > prefix.Length + 2)
        {
            return after[prefix.Length..^2];
        }

        var postfix = before + " : : ";
        return after.StartsWith(postfix, StringComparison.Ordinal) && after.Length > postfix.Length ? after[postfix.Length..] : null;
    }

    private sealed record Projection(string Name, string Expression, ImmutableArray<int> Offsets);

    /// <summary>Every select's projections by output name (unnamed ones as <c>#n</c>); null for a select whose list cannot be read.</summary>
    private static Dictionary<string, Dictionary<string, Projection>?> Blocks(List<SqlToken> tokens)
    {
        var blocks = new Dictionary<string, Dictionary<string, Projection>?>(StringComparer.Ordinal);
        var depth = 0;
        var finals = 0;
        var others = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsPunctuation('('))
            {
                depth++;
                continue;
            }

            if (t.IsPunctuation(')'))
            {
                depth--;
                continue;
            }

            if (!t.IsWord("select"))
            {
                continue;
            }

            var key = i >= 3 && tokens[i - 1].IsPunctuation('(') && tokens[i - 2].IsWord("as") && tokens[i - 3].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
                ? "CTE " + tokens[i - 3].Value.ToLowerInvariant()
                : depth == 0 ? (finals++ == 0 ? "final select" : $"final select #{finals}")
                : $"select #{++others}";
            blocks.TryAdd(key, Read(tokens, i + 1));
        }

        return blocks;
    }

    private static Dictionary<string, Projection>? Read(List<SqlToken> tokens, int from)
    {
        if (SelectList.Projections(tokens, from) is not { } items)
        {
            return null;
        }

        var result = new Dictionary<string, Projection>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            var name = SelectList.NameOf(item);
            var key = name ?? $"#{k}";
            if (result.ContainsKey(key))
            {
                return null;
            }

            result[key] = new Projection(name ?? key, SelectList.Normalize(WithoutAlias(item, name)), [.. item.Select(t => t.Offset)]);
        }

        return result;
    }

    /// <summary>The expression without its output name: <c>x as y</c> and <c>x y</c> are <c>x</c>; a bare or qualified column stays itself.</summary>
    private static List<SqlToken> WithoutAlias(List<SqlToken> item, string? name)
    {
        if (name is null || item.Count < 2 || item[^2].IsPunctuation('.'))
        {
            return item;
        }

        return item[^2].IsWord("as") && item.Count > 2 ? item[..^2] : item[..^1];
    }
}
