using System.Collections.Immutable;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Application;

/// <summary>
/// The one place that turns the contract file's policy (and <c>--warnings-as-errors</c>) into decisions: which
/// models are checked, the action for a change by its class, which consumers count, the verdict of an impact,
/// how loud catalog problems are, and the outcome of the run. The analysis and the evaluator gather facts and
/// word messages; every choice between fail, warn and pass is made here.
/// </summary>
internal sealed class Policy
{
    private readonly PolicySettings settings;

    public Policy(PolicySettings settings, bool warningsAsErrors, DateOnly today)
    {
        this.settings = settings;
        WarningsAsErrors = warningsAsErrors;
        Today = today;
    }

    public bool WarningsAsErrors { get; }

    /// <summary>The date acknowledgements expire against.</summary>
    public DateOnly Today { get; }

    /// <summary><c>on_catalog_error: warn</c>: catalog failures, unknown contracted tables and cut-short walks warn instead of failing.</summary>
    public bool CatalogErrorsWarn => settings.OnCatalogError == CatalogErrorMode.Warn;

    /// <summary>How loud a catalog problem that leaves the answer incomplete is.</summary>
    public Severity CatalogProblem => CatalogErrorsWarn ? Severity.Warning : Severity.Error;

    /// <summary>Whether a model is checked at all: <c>uncontracted: ignore</c> drops models no contract covers.</summary>
    public bool Checks(Contract? contract) => contract is not null || settings.Uncontracted != UncontractedMode.Ignore;

    /// <summary>
    /// <c>on_impact</c> for breaking and unknown changes, <c>on_non_breaking</c> for the rest, each per contract
    /// first; an uncontracted model under <c>uncontracted: warn</c> never blocks.
    /// </summary>
    public ImpactAction ActionFor(ChangeClassification? classification, Contract? contract)
    {
        var action = classification?.Class == ChangeClass.NonBreaking
            ? contract?.OnNonBreaking ?? settings.OnNonBreaking
            : contract?.OnImpact ?? settings.OnImpact;
        return contract is null && settings.Uncontracted == UncontractedMode.Warn && action == ImpactAction.Fail ? ImpactAction.Warn : action;
    }

    /// <summary>The action for consumers a breaking change spares at column level: they read only intact columns.</summary>
    public ImpactAction SparedActionFor(Contract? contract) =>
        ActionFor(new ChangeClassification { Class = ChangeClass.NonBreaking, Evidence = Evidence.None }, contract);

    /// <summary>
    /// A contracted table the catalog does not know cannot be verified, so it fails unless <c>on_catalog_error: warn</c>;
    /// an uncontracted one only leaves its consumers unknown.
    /// </summary>
    public Severity NotFoundSeverity(bool contracted) => contracted ? CatalogProblem : Severity.Warning;

    /// <summary>
    /// Whether a consumer counts: <c>policy.ignore</c> globs drop it, an active acknowledgement of the contract
    /// excuses it. Expired acknowledgements that would have matched are collected in <paramref name="expired"/>.
    /// </summary>
    public DownstreamEntry Judge(DownstreamEntry entry, Contract? contract, IDictionary<Acknowledgement, SortedSet<string>> expired)
    {
        if (settings.Ignore.Any(g => Matches(g, entry)))
        {
            return entry with { Ignored = true };
        }

        foreach (var ack in contract?.Acknowledged ?? [])
        {
            if (!Matches(ack.Resource, entry))
            {
                continue;
            }

            if (ack.IsActiveOn(Today))
            {
                return entry with { Acknowledged = true, AcknowledgedReason = ack.Reason };
            }

            if (!expired.TryGetValue(ack, out var titles))
            {
                expired[ack] = titles = new SortedSet<string>(StringComparer.Ordinal);
            }

            titles.Add(entry.Title);
        }

        return entry;
    }

    /// <summary>The verdict on the consumers an action applies to: acknowledged when every one of them is.</summary>
    public static ImpactVerdict Verdict(IReadOnlyCollection<DownstreamEntry> judged, ImpactAction action) =>
        judged.All(d => d.Acknowledged) ? ImpactVerdict.Acknowledged : action switch
        {
            ImpactAction.Fail => ImpactVerdict.Fail,
            ImpactAction.Warn => ImpactVerdict.Warn,
            _ => ImpactVerdict.Off,
        };

    /// <summary>
    /// The run's outcome: an error when the walk was cut short and the policy does not downgrade it; else fail on
    /// a blocking impact or an error, warn on a warning (fail with <c>--warnings-as-errors</c>), pass otherwise.
    /// </summary>
    public CheckOutcome Outcome(ImmutableArray<ImpactEntry> impacts, ImmutableArray<Diagnostic> diagnostics, bool interrupted)
    {
        if (interrupted)
        {
            return CheckOutcome.Error;
        }

        if (impacts.Any(i => i.Verdict == ImpactVerdict.Fail) || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return CheckOutcome.Fail;
        }

        var warned = impacts.Any(i => i.Verdict == ImpactVerdict.Warn) || diagnostics.Any(d => d.Severity == Severity.Warning);
        return warned ? (WarningsAsErrors ? CheckOutcome.Fail : CheckOutcome.Warn) : CheckOutcome.Pass;
    }

    private static bool Matches(string pattern, DownstreamEntry entry) =>
        string.Equals(pattern, entry.Id, StringComparison.OrdinalIgnoreCase)
        || TitleGlob.IsMatch(pattern, entry.Title)
        || (entry.FullName is not null && TitleGlob.IsMatch(pattern, entry.FullName));
}
