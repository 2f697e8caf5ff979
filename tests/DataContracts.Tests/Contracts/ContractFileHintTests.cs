using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

/// <summary>What the user reads: hints that point at the fix, every problem at once, and no secret repeated.</summary>
public class ContractFileHintTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("policy:\n  on_impcat: warn\n", "Did you mean `on_impact`?")]
    [InlineData("policy:\n  maxdepth: 3\n", "Did you mean `max_depth`?")]
    [InlineData("policy:\n  On_Catalog_Error: warn\n", "Did you mean `on_catalog_error`?")]
    [InlineData("secoda:\n  token-env: X\n", "Did you mean `token_env`?")]
    [InlineData("contract: []\n", "Did you mean `contracts`?")]
    [InlineData("contracts:\n  - name: a\n    model: [a]\n", "Did you mean `models`?")]
    [InlineData("on_impact: warn\n", "`on_impact` belongs in `policy` or a contract, not in the top level.")]
    [InlineData("policy:\n  dialect: tsql\n", "`dialect` belongs in `sql`, not in `policy`.")]
    public void UnknownKeyHintSuggestsTheIntendedKey(string body, string expected)
    {
        var diagnostic = Single("version: 1\n" + body, "DC2010");

        Assert.Contains(expected, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyFarFromAnyKeyListsTheAllowedKeys()
    {
        var diagnostic = Single("version: 1\npolicy:\n  colour: blue\n", "DC2010");

        Assert.Equal("Unknown key `colour` in `policy`.", diagnostic.Message);
        Assert.DoesNotContain("Did you mean", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("Allowed keys in `policy`: on_impact, on_non_breaking, uncontracted, max_depth, on_catalog_error, ignore.", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy:\n  on_impact: wran\n", "Did you mean `warn`? Allowed values: fail | warn | off.")]
    [InlineData("policy:\n  uncontracted: nope\n", "Allowed values: check | warn | ignore.")]
    [InlineData("policy:\n  on_catalog_error: off\n", "Allowed values: fail | warn.")]
    [InlineData("sql:\n  dialect: mssql\n", "Allowed values: ansi | postgres | snowflake | bigquery | tsql | redshift | databricks.")]
    public void InvalidOptionHintListsTheAllowedValues(string body, string expected)
    {
        var diagnostic = Single("version: 1\n" + body, "DC2013");

        Assert.EndsWith(expected, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secoda:\n  token: sk_live_7f3a9c\n", "sk_live_7f3a9c")]
    [InlineData("secoda:\n  api_key: sk_live_7f3a9c\n", "sk_live_7f3a9c")]
    [InlineData("contracts:\n  - name: a\n    models: [a]\n    password: hunter2\n", "hunter2")]
    [InlineData("secoda:\n  token_env: sk_live 7f3a9c\n", "7f3a9c")]
    [InlineData("secoda:\n  url: https://admin:hunter2@secoda.example.com/api/v1/\n", "hunter2")]
    public void SecretValuesAreNeverRepeated(string body, string secret)
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse("version: 1\n" + body, "datacontracts.yml", Today));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.All(error.Diagnostics, d =>
        {
            Assert.DoesNotContain(secret, d.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, d.Hint ?? string.Empty, StringComparison.Ordinal);
        });
        Assert.Contains(error.Diagnostics, d => d.Code is "DC2024" or "DC2025");
    }

    [Fact]
    public void TokenKeyTellsToUseTokenEnv()
    {
        var diagnostic = Single("version: 1\nsecoda:\n  token: x\n", "DC2024");

        Assert.Contains("`secoda.token_env`", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("rotate", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceInFileOrder()
    {
        const string yaml = """
            version: 1
            policy:
              on_impact: block
              max_depth: -1
            contracts:
              - name: orders
                models: []
              - name: orders
                models: [a]
                acknowledged:
                  - resource: x
            """;

        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse(yaml, "datacontracts.yml", Today));

        Assert.Equal(
            [("DC2013", 3), ("DC2015", 4), ("DC2021", 7), ("DC2020", 8), ("DC2014", 11)],
            error.Diagnostics.Select(d => (d.Code, d.Location!.Line)));
    }

    [Fact]
    public void DuplicateKeyHintNamesTheFirstOccurrence()
    {
        var diagnostic = Single("version: 1\npolicy:\n  max_depth: 3\n  on_impact: warn\n  max_depth: 4\n", "DC2011");

        Assert.Equal("`policy.max_depth` is set twice; YAML keeps only one of them.", diagnostic.Message);
        Assert.Contains("line 3, column 3", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateContractNameIgnoresCaseAndNamesTheFirst()
    {
        var diagnostic = Single("version: 1\ncontracts:\n  - name: orders\n    models: [a]\n  - name: ORDERS\n    models: [b]\n", "DC2020");

        Assert.Contains("`ORDERS`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypeMessageSaysWhatWasFoundAndShowsTheListForm()
    {
        var diagnostic = Single("version: 1\ncontracts:\n  - name: a\n    models: models/a.sql\n", "DC2012");

        Assert.Equal("`contracts[0].models` must be a list, but it is the text `models/a.sql`.", diagnostic.Message);
        Assert.Contains("models: [\"models/a.sql\"]", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorKeepsYamlDotNetsExplanationWithoutItsMarks()
    {
        var diagnostic = Single("version: 1\npolicy:\n  on_impact: fail\n    max_depth: 3\n", "DC2004");

        Assert.StartsWith("The contract file is not valid YAML: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabIndentationIsPointedAtAndExplained()
    {
        var diagnostic = Single("version: 1\ncontracts:\n  - name: a\n  \tmodels: [a]\n", "DC2004");

        Assert.Equal((4, 3), (diagnostic.Location!.Line, diagnostic.Location.Column));
        Assert.Contains("spaces, not tabs", diagnostic.Hint, StringComparison.Ordinal);
    }

    private static Diagnostic Single(string yaml, string code)
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse(yaml, "datacontracts.yml", Today));
        return Assert.Single(error.Diagnostics, d => d.Code == code);
    }
}
