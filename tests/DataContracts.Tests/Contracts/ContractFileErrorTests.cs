using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

/// <summary>One bad contract file per row: the reader must refuse it with this code, at this line and column.</summary>
public class ContractFileErrorTests
{
    private const string V = "version: 1\n";
    private const string C = V + "contracts:\n  - name: orders\n    models: [\"models/orders.sql\"]\n";
    private static readonly DateOnly Today = new(2026, 6, 1);

    public static TheoryData<string, string, string, int, int> Cases => new()
    {
        // name, yaml, code, line, column
        { "unclosed flow list", V + "contracts: [\n", "DC2004", 3, 1 },
        { "bad indentation", V + "policy:\n  on_impact: fail\n    max_depth: 3\n", "DC2004", 4, 14 },
        { "tab indentation", V + "policy:\n\ton_impact: fail\n", "DC2004", 3, 1 },
        { "unquoted colon in value", C + "    acknowledged:\n      - resource: x\n        reason: Owner: finance team\n", "DC2004", 7, 22 },
        { "empty text", string.Empty, "DC2005", 0, 0 },
        { "only a comment", "# yaml-language-server: $schema=../schemas/datacontracts.schema.json\n", "DC2005", 0, 0 },
        { "top level is a list", "- version: 1\n", "DC2012", 1, 1 },
        { "top level is a scalar", "hello\n", "DC2012", 1, 1 },
        { "two documents", V + "---\nversion: 1\n", "DC2007", 3, 1 },
        { "missing version", "contracts: []\n", "DC2006", 1, 1 },
        { "version 2", "version: 2\n", "DC2006", 1, 10 },
        { "version quoted", "version: \"1\"\n", "DC2006", 1, 10 },
        { "unknown top-level key", V + "contract:\n  - name: a\n", "DC2010", 2, 1 },
        { "unknown policy key", V + "policy:\n  on_impcat: warn\n", "DC2010", 3, 3 },
        { "unknown contract key", C + "    model: b\n", "DC2010", 5, 5 },
        { "unknown acknowledgement key", C + "    acknowledged:\n      - resource: x\n        reason: y\n        expire: 2027-01-01\n", "DC2010", 8, 9 },
        { "duplicate policy key", V + "policy:\n  max_depth: 3\n  max_depth: 4\n", "DC2011", 4, 3 },
        { "duplicate version", V + "version: 1\n", "DC2011", 2, 1 },
        { "key is a list", V + "[a]: 1\n", "DC2012", 2, 1 },
        { "models is a string", V + "contracts:\n  - name: orders\n    models: models/orders.sql\n", "DC2012", 4, 13 },
        { "policy is a list", V + "policy:\n  - on_impact: fail\n", "DC2012", 3, 3 },
        { "secoda is a string", V + "secoda: https://api.secoda.co/api/v1/\n", "DC2012", 2, 9 },
        { "contracts is a string", V + "contracts: orders\n", "DC2012", 2, 12 },
        { "contract is a string", V + "contracts:\n  - orders\n", "DC2012", 3, 5 },
        { "owners is a string", C + "    owners: \"@acme/finance\"\n", "DC2012", 5, 13 },
        { "acknowledged is a mapping", C + "    acknowledged:\n      resource: x\n", "DC2012", 6, 7 },
        { "name is a list", V + "contracts:\n  - name: [a, b]\n    models: [a]\n", "DC2012", 3, 11 },
        { "max_depth is text", V + "policy:\n  max_depth: deep\n", "DC2012", 3, 14 },
        { "max_depth is a fraction", V + "policy:\n  max_depth: 2.5\n", "DC2012", 3, 14 },
        { "max_depth is quoted", V + "policy:\n  max_depth: \"5\"\n", "DC2012", 3, 14 },
        { "max_depth is negative", V + "policy:\n  max_depth: -1\n", "DC2015", 3, 14 },
        { "on_impact unknown", V + "policy:\n  on_impact: block\n", "DC2013", 3, 14 },
        { "uncontracted unknown", V + "policy:\n  uncontracted: skip\n", "DC2013", 3, 17 },
        { "on_catalog_error off", V + "policy:\n  on_catalog_error: off\n", "DC2013", 3, 21 },
        { "dialect unknown", V + "sql:\n  dialect: mysql\n", "DC2013", 3, 12 },
        { "dialect capitalised", V + "sql:\n  dialect: Snowflake\n", "DC2013", 3, 12 },
        { "contract on_impact unknown", C + "    on_impact: error\n", "DC2013", 5, 16 },
        { "contract without name", V + "contracts:\n  - models: [a]\n", "DC2014", 3, 5 },
        { "contract without models", V + "contracts:\n  - name: orders\n", "DC2014", 3, 5 },
        { "acknowledgement without resource", C + "    acknowledged:\n      - reason: y\n", "DC2014", 6, 9 },
        { "acknowledgement without reason", C + "    acknowledged:\n      - resource: x\n", "DC2014", 6, 9 },
        { "empty name", V + "contracts:\n  - name: \"\"\n    models: [a]\n", "DC2016", 3, 11 },
        { "empty model entry", V + "contracts:\n  - name: a\n    models: [\"\"]\n", "DC2016", 4, 14 },
        { "empty models list", V + "contracts:\n  - name: orders\n    models: []\n", "DC2021", 4, 13 },
        { "models without value", V + "contracts:\n  - name: orders\n    models:\n", "DC2021", 4, 12 },
        { "duplicate contract names", C + "  - name: Orders\n    models: [b]\n", "DC2020", 5, 11 },
        { "expires month 13", C + "    acknowledged:\n      - resource: x\n        reason: y\n        expires: 2027-13-01\n", "DC2022", 8, 18 },
        { "expires day first", C + "    acknowledged:\n      - resource: x\n        reason: y\n        expires: 31/01/2027\n", "DC2022", 8, 18 },
        { "url with ftp", V + "secoda:\n  url: ftp://api.secoda.co/api/v1/\n", "DC2023", 3, 8 },
        { "url without scheme", V + "secoda:\n  url: api.secoda.co/api/v1\n", "DC2023", 3, 8 },
        { "token in secoda", V + "secoda:\n  token: abc123\n", "DC2024", 3, 3 },
        { "api_key at top level", V + "api_key: abc123\n", "DC2024", 2, 1 },
        { "credentials in url", V + "secoda:\n  url: https://me:hunter2@api.secoda.co/api/v1/\n", "DC2024", 3, 8 },
        { "token_env holds a key", V + "secoda:\n  token_env: sk-live 9f8e7d\n", "DC2025", 3, 14 },
        { "table with four parts", C + "    table: A.B.C.D\n", "DC2027", 5, 12 },
        { "table with an empty part", C + "    table: A..C\n", "DC2027", 5, 12 },
    };

    [Fact]
    public void DeeplyNestedInputIsASyntaxErrorNotACrash()
    {
        var yaml = V + "policy: " + new string('[', 100_000) + "\n";

        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse(yaml, "datacontracts.yml", Today));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(("DC2004", 2), (diagnostic.Code, diagnostic.Location!.Line));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadFileIsRefusedWithCodeAndPosition(string name, string yaml, string code, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse(yaml, "datacontracts.yml", Today));

        var match = error.Diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"{name}: expected {code}, got {string.Join("; ", error.Diagnostics.Select(d => $"{d.Code} {d.Location} {d.Message}"))}");
        Assert.Equal(Severity.Error, match.Severity);
        Assert.Equal("datacontracts.yml", match.Location?.File);
        Assert.True((line, column) == (match.Location!.Line, match.Location.Column),
            $"{name}: expected line {line}, column {column}; got {match.Location} {match.Message}");
        Assert.False(string.IsNullOrWhiteSpace(match.Hint), $"{name}: {code} has no hint");
        Assert.StartsWith("DC2", match.Code, StringComparison.Ordinal);
    }
}
