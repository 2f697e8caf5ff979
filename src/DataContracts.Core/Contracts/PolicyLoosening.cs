using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary>One way a pull request's contract file asks for less than the base's: what, and where in the head file.</summary>
internal sealed record Loosening(string What, SourceLocation Where);

/// <summary>
/// Compares the contract file of a pull request with the base's and finds what makes the check weaker: a lower
/// <c>on_impact</c>, <c>on_non_breaking</c> or <c>uncontracted</c>, a smaller <c>max_depth</c>,
/// <c>on_catalog_error: warn</c>, new <c>ignore</c> globs, new or longer acknowledgements, removed contracts,
/// model globs a contract no longer lists, and a contract moved to another table. <see cref="Strictest"/> is the
/// file with every one of them undone: the head's own additions and tightenings stay.
/// </summary>
internal static partial class PolicyLoosening
{
    public static ImmutableArray<Loosening> Find(ContractFile baseFile, ContractFile head)
    {
        var found = ImmutableArray.CreateBuilder<Loosening>();
        var file = new SourceLocation(head.Path);
        var (b, h) = (baseFile.Policy, head.Policy);
        Lower("policy.on_impact", Rank(b.OnImpact), Rank(h.OnImpact), b.OnImpact, h.OnImpact, file, found);
        Lower("policy.on_non_breaking", Rank(b.OnNonBreaking), Rank(h.OnNonBreaking), b.OnNonBreaking, h.OnNonBreaking, file, found);
        Lower("policy.uncontracted", Rank(b.Uncontracted), Rank(h.Uncontracted), b.Uncontracted, h.Uncontracted, file, found);
        Lower("policy.on_catalog_error", Rank(b.OnCatalogError), Rank(h.OnCatalogError), b.OnCatalogError, h.OnCatalogError, file, found);
        if (h.MaxDepth < b.MaxDepth)
        {
            found.Add(new($"policy.max_depth is {h.MaxDepth}, {b.MaxDepth} on the base", file));
        }

        foreach (var glob in h.Ignore.Except(b.Ignore, StringComparer.Ordinal))
        {
            found.Add(new($"policy.ignore adds '{glob}'", file));
        }

        var heads = head.Contracts.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var was in baseFile.Contracts)
        {
            if (!heads.TryGetValue(was.Name, out var now))
            {
                found.Add(new($"contract '{was.Name}' is removed", file));
                continue;
            }

            var name = $"contract '{was.Name}'";
            // A contract that sets neither value follows the policy's, whose lowering is said once above.
            if (was.OnImpact is not null || now.OnImpact is not null)
            {
                Lower($"{name}: on_impact", Rank(was.OnImpact ?? b.OnImpact), Rank(now.OnImpact ?? h.OnImpact), was.OnImpact ?? b.OnImpact, now.OnImpact ?? h.OnImpact, now.Location, found);
            }

            if (was.OnNonBreaking is not null || now.OnNonBreaking is not null)
            {
                Lower($"{name}: on_non_breaking", Rank(was.OnNonBreaking ?? b.OnNonBreaking), Rank(now.OnNonBreaking ?? h.OnNonBreaking), was.OnNonBreaking ?? b.OnNonBreaking, now.OnNonBreaking ?? h.OnNonBreaking, now.Location, found);
            }
            foreach (var model in was.Models.Except(now.Models, StringComparer.Ordinal))
            {
                found.Add(new($"{name} no longer lists the model '{model}'", now.Location));
            }

            if (!string.Equals(was.Table, now.Table, StringComparison.OrdinalIgnoreCase) || !string.Equals(was.SecodaId, now.SecodaId, StringComparison.Ordinal))
            {
                found.Add(new($"{name} names another table or Secoda id than on the base", now.Location));
            }

            foreach (var ack in now.Acknowledged.Where(a => !Covered(a, was.Acknowledged)))
            {
                found.Add(new($"{name} acknowledges '{ack.Resource}'{(ack.Expires is { } until ? $" until {until:yyyy-MM-dd}" : string.Empty)}", ack.Location));
            }
        }

        FindInScope(baseFile, head, file, found);
        return found.ToImmutable();
    }

    /// <summary>The head file with each loosening undone: the stricter of the two values, base contracts restored, new acknowledgements and ignore globs dropped.</summary>
    public static ContractFile Strictest(ContractFile baseFile, ContractFile head)
    {
        var (b, h) = (baseFile.Policy, head.Policy);
        var policy = h with
        {
            OnImpact = Stricter(b.OnImpact, h.OnImpact),
            OnNonBreaking = Stricter(b.OnNonBreaking, h.OnNonBreaking),
            Uncontracted = Rank(b.Uncontracted) > Rank(h.Uncontracted) ? b.Uncontracted : h.Uncontracted,
            OnCatalogError = Rank(b.OnCatalogError) > Rank(h.OnCatalogError) ? b.OnCatalogError : h.OnCatalogError,
            MaxDepth = Math.Max(b.MaxDepth, h.MaxDepth),
            Ignore = [.. h.Ignore.Intersect(b.Ignore, StringComparer.Ordinal)],
        };
        var bases = baseFile.Contracts.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var contracts = head.Contracts.Select(now => bases.TryGetValue(now.Name, out var was) ? Merge(was, b, now, h) : now).ToList();
        contracts.AddRange(baseFile.Contracts.Where(was => !head.Contracts.Any(c => string.Equals(c.Name, was.Name, StringComparison.Ordinal))));
        return StrictestScope(baseFile, head) with { Policy = policy, Contracts = [.. contracts] };
    }

    private static Contract Merge(Contract was, PolicySettings basePolicy, Contract now, PolicySettings headPolicy)
    {
        var missing = Enumerable.Range(0, was.Models.Length).Where(i => !now.Models.Contains(was.Models[i], StringComparer.Ordinal)).ToList();
        return now with
        {
            OnImpact = Stricter(was.OnImpact ?? basePolicy.OnImpact, now.OnImpact ?? headPolicy.OnImpact),
            OnNonBreaking = Stricter(was.OnNonBreaking ?? basePolicy.OnNonBreaking, now.OnNonBreaking ?? headPolicy.OnNonBreaking),
            Models = [.. now.Models, .. missing.Select(i => was.Models[i])],
            ModelLocations = now.ModelLocations.Length == now.Models.Length && was.ModelLocations.Length == was.Models.Length
                ? [.. now.ModelLocations, .. missing.Select(i => was.ModelLocations[i])]
                : now.ModelLocations,
            Table = was.Table,
            SecodaId = was.SecodaId,
            Acknowledged = [.. now.Acknowledged.Select(a => Covered(a, was.Acknowledged) ? a : Earlier(a, was.Acknowledged)).OfType<Acknowledgement>()],
        };
    }

    /// <summary>The base acknowledges the same resource for at least as long.</summary>
    private static bool Covered(Acknowledgement ack, ImmutableArray<Acknowledgement> onBase) =>
        onBase.Any(a => string.Equals(a.Resource, ack.Resource, StringComparison.Ordinal) && (a.Expires is null || (ack.Expires is { } until && until <= a.Expires.Value)));

    /// <summary>An acknowledgement the head extended keeps the base's expiry; one the base does not have is dropped.</summary>
    private static Acknowledgement? Earlier(Acknowledgement ack, ImmutableArray<Acknowledgement> onBase) =>
        onBase.FirstOrDefault(a => string.Equals(a.Resource, ack.Resource, StringComparison.Ordinal)) is { } was ? ack with { Expires = was.Expires } : null;

    private static void Lower<T>(string what, int before, int after, T was, T now, SourceLocation where, ImmutableArray<Loosening>.Builder found)
        where T : struct, Enum
    {
        if (after < before)
        {
            found.Add(new($"{what} is {Name(now)}, {Name(was)} on the base", where));
        }
    }

    private static ImpactAction Stricter(ImpactAction a, ImpactAction b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(ImpactAction action) => action switch
    {
        ImpactAction.Fail => 2,
        ImpactAction.Warn => 1,
        _ => 0,
    };

    private static int Rank(UncontractedMode mode) => mode switch
    {
        UncontractedMode.Check => 2,
        UncontractedMode.Warn => 1,
        _ => 0,
    };

    private static int Rank(CatalogErrorMode mode) => mode == CatalogErrorMode.Fail ? 1 : 0;

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
