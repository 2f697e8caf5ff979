using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>What comparing the pull request's contract file with the base's gives the run.</summary>
internal sealed record BaseComparison(ContractFile Contracts, ImmutableArray<Diagnostic> Diagnostics, ImmutableHashSet<string>? TrustedOwners)
{
    public static BaseComparison Unchanged(ContractFile contracts) => new(contracts, [], null);
}

/// <summary>
/// In CI the contract file is the pull request's, so it could waive its own check (<c>acknowledged: [{resource:
/// "*"}]</c>, <c>on_impact: off</c>). Compared with the base's file (read through git like the Secoda settings,
/// <see cref="BaseContractFile"/>), every loosening is reported (DC2080), and unless switched off
/// (<see cref="CheckRequest.PolicyFromBase"/>, <c>--policy-from-base false</c>, <c>DATACONTRACTS_POLICY_FROM_BASE=false</c>)
/// the stricter of the two policies is the one checked until the change is merged. The owners the base names are
/// the only ones review requests may go to. Locally nothing changes.
/// </summary>
internal static class PolicyFromBase
{
    public const string Variable = "DATACONTRACTS_POLICY_FROM_BASE";

    public static async Task<BaseComparison> ApplyAsync(CheckRequest request, ContractFile head, CancellationToken cancellationToken)
    {
        if (!TrustedSecodaSettings.IsCi(request.Environment))
        {
            return BaseComparison.Unchanged(head);
        }

        var baseFile = await BaseContractFile.ReadAsync(request, head, cancellationToken).ConfigureAwait(false);
        if (baseFile is null)
        {
            return new BaseComparison(head, [DiagnosticCodes.PolicyBaseUnknown.Create(
                "The contract file cannot be read on the diff's base (it is new on this branch, or git cannot show the base), so this change's policy could not be compared with the base's; the change's own policy applies and no contract owner is asked for a review.",
                new SourceLocation(head.Path),
                "Check out with 'fetch-depth: 0' so git can show the base; a contract file new on this branch is compared once it is merged.")],
                ImmutableHashSet<string>.Empty);
        }

        var owners = TrustedOwners(baseFile);
        var loosenings = PolicyLoosening.Find(baseFile, head);
        if (loosenings.IsEmpty)
        {
            return new BaseComparison(head, [], owners);
        }

        var fromBase = IsOn(request);
        var descriptor = fromBase ? DiagnosticCodes.PolicyLoosenedBaseApplies : DiagnosticCodes.PolicyLoosenedInEffect;
        var consequence = fromBase
            ? "The base branch's stricter setting is checked until this change is merged."
            : $"It takes effect now, because policy-from-base is off ({Variable} or --policy-from-base false).";
        var hint = fromBase
            ? "Merge the policy change on its own first, with a review of the contract file; the check of this change uses the base's policy."
            : "Reviewers: this change weakens its own check. Turn policy-from-base back on (the Action's default) to check it against the base's policy.";
        var diagnostics = loosenings.Select(l => descriptor.Create($"This change loosens the contract policy: {l.What}. {consequence}", l.Where, hint));
        return new BaseComparison(fromBase ? PolicyLoosening.Strictest(baseFile, head) : head, [.. diagnostics], owners);
    }

    private static bool IsOn(CheckRequest request) =>
        request.PolicyFromBase ?? request.Environment.Get(Variable)?.Trim().ToLowerInvariant() switch
        {
            "false" or "0" or "no" or "off" => false,
            _ => true,
        };

    /// <summary>The GitHub handles the base's contracts name as owners (directly or through its <c>owners_map</c>), lower-case.</summary>
    private static ImmutableHashSet<string> TrustedOwners(ContractFile baseFile) =>
        baseFile.Contracts.SelectMany(c => c.Owners)
            .Select(o => OwnerHandle.Parse(o) ?? (baseFile.OwnersMap.TryGetValue(o.Trim(), out var mapped) ? OwnerHandle.Parse(mapped) : null))
            .OfType<OwnerHandle>()
            .Select(h => h.ToString().ToLowerInvariant())
            .ToImmutableHashSet(StringComparer.Ordinal);
}
