using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

/// <summary>Expiry is judged against the <c>today</c> passed in, never the machine clock.</summary>
public class AcknowledgementExpiryTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void ExpiredAcknowledgementIsAWarningNamingResourceDateAndLine()
    {
        var file = Parse("2026-05-31");

        var warning = Assert.Single(file.Diagnostics);
        Assert.Equal(("DC2030", Severity.Warning), (warning.Code, warning.Severity));
        Assert.Equal((10, 18), (warning.Location!.Line, warning.Location.Column));
        Assert.Contains("`Finance KPIs`", warning.Message, StringComparison.Ordinal);
        Assert.Contains("contract `orders`", warning.Message, StringComparison.Ordinal);
        Assert.Contains("2026-05-31", warning.Message, StringComparison.Ordinal);
        Assert.Contains("line 8", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no longer acknowledges", warning.Message, StringComparison.Ordinal);
        Assert.False(file.Contracts[0].Acknowledged[1].IsActiveOn(Today));
    }

    [Theory]
    [InlineData("2026-06-01")]
    [InlineData("2026-06-02")]
    [InlineData("2030-01-01")]
    public void AcknowledgementExpiringTodayOrLaterIsActiveAndSilent(string expires)
    {
        var file = Parse(expires);

        Assert.Empty(file.Diagnostics);
        Assert.True(file.Contracts[0].Acknowledged[1].IsActiveOn(Today));
    }

    [Fact]
    public void AcknowledgementWithoutExpiryNeverExpires()
    {
        var file = ContractFileReader.Parse(
            "version: 1\ncontracts:\n  - name: orders\n    models: [orders]\n    acknowledged:\n      - resource: x\n        reason: y\n",
            "datacontracts.yml", Today);

        Assert.Empty(file.Diagnostics);
        Assert.True(file.Contracts[0].Acknowledged[0].IsActiveOn(new DateOnly(2999, 1, 1)));
    }

    [Fact]
    public void SameFileReadLaterGainsTheWarning()
    {
        Assert.Empty(Parse("2026-12-31").Diagnostics);

        var later = ContractFileReader.Parse(Yaml("2026-12-31"), "datacontracts.yml", new DateOnly(2027, 1, 1));

        Assert.Equal("DC2030", Assert.Single(later.Diagnostics).Code);
    }

    private static ContractFile Parse(string expires) => ContractFileReader.Parse(Yaml(expires), "datacontracts.yml", Today);

    private static string Yaml(string expires) => $"""
        version: 1
        contracts:
          - name: orders
            models: [orders]
            acknowledged:
              - resource: ANALYTICS.REPORTING.DAILY
                reason: Rebuilt nightly
              - resource: "Finance KPIs"
                reason: Migrated in the same release
                expires: {expires}
        """;
}
