namespace DataContracts.Contracts;

/// <summary>Builds the hint for an unknown key: the nearest allowed key, or the level where the key belongs.</summary>
internal static class KeySuggestions
{
    public static string HintFor(string key, string level)
    {
        var allowed = ContractKeys.Allowed[level];
        var listing = $"Allowed keys in {ContractKeys.Describe(level)}: {string.Join(", ", allowed)}.";
        var nearest = Nearest(key, allowed);
        if (nearest is not null)
        {
            return $"Did you mean `{nearest}`? {listing}";
        }

        var elsewhere = ContractKeys.Allowed
            .Where(pair => pair.Key != level && pair.Value.Contains(key, StringComparer.Ordinal))
            .Select(pair => ContractKeys.Describe(pair.Key))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return elsewhere.Length > 0
            ? $"`{key}` belongs in {string.Join(" or ", elsewhere)}, not in {ContractKeys.Describe(level)}. {listing}"
            : listing;
    }

    /// <summary>The closest candidate within a distance that still reads as a typo, or null.</summary>
    public static string? Nearest(string key, IEnumerable<string> candidates)
    {
        var lowered = key.ToLowerInvariant().Replace('-', '_');
        var limit = Math.Max(2, lowered.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(lowered, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent swaps, the commonest typo.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
