using DataContracts.Reports;
using DataContracts.Tests.GitHub;

namespace DataContracts.Tests.Reports;

/// <summary>The headline counts per verdict: each number belongs to the models it names.</summary>
public class HeadlineTests
{
    [Fact]
    public void BlockingAndWarnedConsumersAreCountedApart()
    {
        // orders blocks with two counted consumers (one more is acknowledged, one ignored); stg_payments warns with one.
        var headline = Wording.Headline(GitHubSamples.Failing());

        Assert.Equal("1 changed model under contract has 2 downstream consumers; 1 more has 1 consumer (not blocking)", headline);
    }

    [Fact]
    public void TheTextReportNamesTheCatalogThatAnswered()
    {
        var live = TextReport.Render(GitHubSamples.Failing() with { CatalogSource = "https://user:secret@api.secoda.co/api/v1/" }, color: false, "/repo");

        Assert.Contains("catalog: Secoda at api.secoda.co", live, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", live, StringComparison.Ordinal);
    }
}
