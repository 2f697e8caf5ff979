using DataContracts.Diagnostics;
using DataContracts.Secoda;

namespace DataContracts.Tests.Catalog;

public class SecodaUrlTests
{
    [Theory]
    [InlineData("https://api.secoda.co", "https://api.secoda.co/api/v1/")]
    [InlineData("https://api.secoda.co/", "https://api.secoda.co/api/v1/")]
    [InlineData("https://eapi.secoda.co/api/v1", "https://eapi.secoda.co/api/v1/")]
    [InlineData("https://eapi.secoda.co/api/v1/", "https://eapi.secoda.co/api/v1/")]
    [InlineData(" https://secoda.acme.com:8443/tools/secoda/api/v1 ", "https://secoda.acme.com:8443/tools/secoda/api/v1/")]
    [InlineData("http://127.0.0.9:5000", "http://127.0.0.9:5000/api/v1/")]
    [InlineData("http://localhost:5000/api/v1/", "http://localhost:5000/api/v1/")]
    [InlineData("http://[::1]:5000/", "http://[::1]:5000/api/v1/")]
    public void BaseUrlFormsNormaliseToTheApiRoot(string given, string expected) =>
        Assert.Equal(expected, SecodaUrl.Normalize(given).AbsoluteUri);

    [Theory]
    [InlineData("http://api.secoda.co/api/v1/", "unencrypted")]
    [InlineData("http://10.0.0.5/", "unencrypted")]
    [InlineData("ftp://api.secoda.co/", "not an absolute http(s) URL")]
    [InlineData("api.secoda.co", "not an absolute http(s) URL")]
    [InlineData("https://user:pw@api.secoda.co/", "credentials")]
    [InlineData("https://api.secoda.co/api/v1/?token=x", "query")]
    public void UnusableUrlsAreInputErrors(string given, string expected)
    {
        var ex = Assert.Throws<InputException>(() => SecodaUrl.Normalize(given));
        var diagnostic = Assert.Single(ex.Diagnostics);
        Assert.Equal("DC6010", diagnostic.Code);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("SECODA_API_URL", diagnostic.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogRefusesPlainHttpToARemoteHostBeforeAnyRequest()
    {
        var ex = Assert.Throws<InputException>(() => new SecodaCatalog(new SecodaOptions { BaseUrl = "http://secoda.example.com", Token = "t" }));
        Assert.Equal("DC6010", ex.Diagnostics[0].Code);
    }

    [Fact]
    public void MissingTokenIsAnInputError()
    {
        var ex = Assert.Throws<InputException>(() => new SecodaCatalog(new SecodaOptions { Token = " " }));
        Assert.Equal("DC6011", ex.Diagnostics[0].Code);
    }

    [Fact]
    public void OptionsNeverPrintTheToken()
    {
        var options = new SecodaOptions { Token = "tok-very-secret-42" };
        Assert.DoesNotContain("tok-very-secret-42", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Token = ***", options.ToString(), StringComparison.Ordinal);
    }
}
