using DataContracts.Application;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Tests.Impact;

/// <summary>The one type that turns the contract file's policy into decisions, decision by decision.</summary>
public class PolicyDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly Contract Orders = new() { Name = "orders", Location = new SourceLocation("datacontracts.yml", 3, 3) };

    private static Policy With(PolicySettings settings, bool warningsAsErrors = false) => new(settings, warningsAsErrors, Today);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnCatalogError_SetsHowLoudEveryCatalogProblemIs(bool warn)
    {
        var mode = warn ? CatalogErrorMode.Warn : CatalogErrorMode.Fail;
        var expected = warn ? Severity.Warning : Severity.Error;
        var policy = With(new PolicySettings { OnCatalogError = mode });

        Assert.Equal(mode == CatalogErrorMode.Warn, policy.CatalogErrorsWarn);
        Assert.Equal(expected, policy.CatalogProblem);
        Assert.Equal(expected, policy.NotFoundSeverity(contracted: true));
        Assert.Equal(Severity.Warning, policy.NotFoundSeverity(contracted: false));
    }

    [Fact]
    public void TheActionFollowsTheClass_AndAnUncontractedModelUnderWarnNeverBlocks()
    {
        var policy = With(new PolicySettings { OnImpact = ImpactAction.Fail, OnNonBreaking = ImpactAction.Off, Uncontracted = UncontractedMode.Warn });
        var breaking = new ChangeClassification { Class = ChangeClass.Breaking, Evidence = Evidence.Catalog };
        var additive = new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.Additive, Evidence = Evidence.Catalog };

        Assert.Equal(ImpactAction.Fail, policy.ActionFor(breaking, Orders));
        Assert.Equal(ImpactAction.Fail, policy.ActionFor(null, Orders));
        Assert.Equal(ImpactAction.Off, policy.ActionFor(additive, Orders));
        Assert.Equal(ImpactAction.Warn, policy.ActionFor(breaking, contract: null));
        Assert.Equal(ImpactAction.Warn, policy.ActionFor(breaking, Orders with { OnImpact = ImpactAction.Warn }));
        Assert.Equal(ImpactAction.Off, policy.SparedActionFor(Orders));
        Assert.True(policy.Checks(null));
        Assert.False(With(new PolicySettings { Uncontracted = UncontractedMode.Ignore }).Checks(null));
    }

    [Fact]
    public void IgnoreGlobsAndActiveAcknowledgementsExcuseAConsumer_ExpiredOnesAreCollected()
    {
        var policy = With(new PolicySettings { Ignore = ["tmp_*"] });
        var contract = Orders with
        {
            Acknowledged =
            [
                new Acknowledgement { Resource = "Revenue", Reason = "migrating", Location = Orders.Location },
                new Acknowledgement { Resource = "Old *", Reason = "gone", Expires = Today.AddDays(-1), Location = Orders.Location },
            ],
        };
        var expired = new Dictionary<Acknowledgement, SortedSet<string>>();

        var ignored = policy.Judge(Consumer("tmp_scratch"), contract, expired);
        var acknowledged = policy.Judge(Consumer("Revenue"), contract, expired);
        var counted = policy.Judge(Consumer("Old dashboard"), contract, expired);

        Assert.True(ignored.Ignored);
        Assert.True(acknowledged.Acknowledged);
        Assert.Equal("migrating", acknowledged.AcknowledgedReason);
        Assert.True(counted.Counts);
        var (ack, titles) = Assert.Single(expired);
        Assert.Equal("Old *", ack.Resource);
        Assert.Equal(["Old dashboard"], titles);
    }

    [Fact]
    public void TheOutcome_IsAnErrorWhenInterrupted_FailOnBlocking_AndWarningsFailOnlyWhenAsked()
    {
        var warned = new ImpactEntry { Source = new ImpactSource { File = "models/orders.sql" }, Verdict = ImpactVerdict.Warn, Downstream = [Consumer("Revenue")] };
        var failed = warned with { Verdict = ImpactVerdict.Fail };
        var policy = With(new PolicySettings());

        Assert.Equal(CheckOutcome.Pass, policy.Outcome([], [], interrupted: false));
        Assert.Equal(CheckOutcome.Warn, policy.Outcome([warned], [], interrupted: false));
        Assert.Equal(CheckOutcome.Fail, With(new PolicySettings(), warningsAsErrors: true).Outcome([warned], [], interrupted: false));
        Assert.Equal(CheckOutcome.Fail, policy.Outcome([failed], [], interrupted: false));
        Assert.Equal(CheckOutcome.Error, policy.Outcome([failed], [], interrupted: true));
        Assert.Equal(CheckOutcome.Fail, policy.Outcome([], [DiagnosticCodes.InternalError.Create("x")], interrupted: false));
    }

    private static DownstreamEntry Consumer(string title) => new() { Id = "id-" + title, Title = title, Type = "dashboard", Depth = 1 };
}
