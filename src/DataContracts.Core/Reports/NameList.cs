using System.Globalization;

namespace DataContracts.Reports;

/// <summary>
/// Lists of table and model names that stay short without hiding which is which: names that share a qualifier
/// (<c>db.schema</c>, or dbt's <c>model.package</c>) are listed once under it, and a path is never cut in the middle.
/// Every name goes through the caller's <c>escape</c> (Markdown or plain text), so untrusted text stays inert.
/// </summary>
internal static class NameList
{
    /// <summary>
    /// "postgres.public_hubspot: stg_a, stg_b and 54 more; model.hubspot.int_x": at most <paramref name="max"/>
    /// names, those with a shared qualifier under it, in the order given.
    /// </summary>
    public static string Scoped(IReadOnlyList<string> names, int max, Func<string, string> escape)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var groups = distinct.GroupBy(Qualifier, StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        var shown = 0;
        foreach (var group in groups)
        {
            if (shown >= max)
            {
                break;
            }

            var take = group.Take(max - shown).ToList();
            shown += take.Count;
            parts.Add(group.Key.Length == 0 || group.Count() == 1
                ? string.Join(", ", take.Select(escape))
                : escape(group.Key) + ": " + string.Join(", ", take.Select(n => escape(n[(group.Key.Length + 1)..]))));
        }

        var rest = distinct.Count - shown;
        return string.Join("; ", parts) + (rest > 0 ? " and " + rest.ToString(CultureInfo.InvariantCulture) + " more" : string.Empty);
    }

    /// <summary>
    /// The path "a → b → c" in full when it fits in <paramref name="max"/> characters; else its first and last
    /// step and how many lie between ("a → (3 more steps) → c"), never a name cut short.
    /// </summary>
    public static string Path(IReadOnlyList<string> steps, int max, Func<string, string> escape)
    {
        if (steps.Count <= 2 || steps.Sum(s => s.Length + 3) - 3 <= max)
        {
            return string.Join(" → ", steps.Select(escape));
        }

        var between = steps.Count - 2;
        return $"{escape(steps[0])} → ({between.ToString(CultureInfo.InvariantCulture)} more {(between == 1 ? "step" : "steps")}) → {escape(steps[^1])}";
    }

    /// <summary>The text before the last dot, or empty when there is none (or the name ends in one).</summary>
    private static string Qualifier(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? string.Empty : name[..dot];
    }
}
