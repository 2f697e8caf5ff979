using DataContracts.Contracts;

namespace DataContracts.Tests.Contracts;

/// <summary>docs/contract-file.md documents every key the parser accepts (and the schema, by the agreement tests, allows).</summary>
public class ContractDocsAgreementTests
{
    [Fact]
    public void EveryKeyHasARowInTheReference()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "contract-file.md"));

        var missing = ContractKeys.Allowed.SelectMany(level => level.Value.Select(key => (level.Key, key)))
            .Where(k => !docs.Contains($"| `{k.key}` |", StringComparison.Ordinal))
            .Select(k => k.Key.Length == 0 ? k.key : $"{k.Key}.{k.key}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void OwnersMapReadsEmailsToHandlesIgnoringCase()
    {
        var contracts = ContractFileReader.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "contracts", "valid", "full.yml"), new DateOnly(2026, 6, 1));

        Assert.Equal("@ana", contracts.OwnersMap["ANA@acme.com"]);
        Assert.Equal("@acme/finance-data", contracts.OwnersMap["finance.data@acme.com"]);
    }
}
