using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

/// <summary>The query strings the Secoda client writes by hand since Refit went (issue 24, item 6).</summary>
public sealed class SecodaApiTests
{
    [Fact]
    public void EveryValueIsPercentEncodedAndANullParameterIsLeftOut()
    {
        var path = SecodaApi.PathAndQuery("table/tables/", ("title", "a&b=c d+é/?#"), ("integration_id", null), ("x", string.Empty));

        Assert.Equal("table/tables/?title=a%26b%3Dc%20d%2B%C3%A9%2F%3F%23&x=", path);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("https://api.secoda.co/api/v1/"), path).Query);
        Assert.Equal("a&b=c d+é/?#", query["title"]);
        Assert.Null(query["integration_id"]);
    }

    [Fact]
    public void APathWithoutParametersHasNoQuery() =>
        Assert.Equal("resource/catalog/", SecodaApi.PathAndQuery("resource/catalog/"));
}
