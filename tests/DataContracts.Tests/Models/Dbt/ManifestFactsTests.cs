using System.Text.Json;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

/// <summary>
/// Classification's facts of changed nodes come from the byte ranges the first pass recorded, not from a
/// second read of the whole manifest; they must equal what a full scan finds, and a manifest that changed
/// since it was read must be scanned again.
/// </summary>
public class ManifestFactsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("recce/base/manifest.json")]
    [InlineData("recce/pr2/manifest.json")]
    public async Task FactsFromRecordedRanges_EqualAFullScan_ForEveryNode(string fixture)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "fixtures", "dbt", fixture);
        var manifest = await ManifestReader.ReadAsync(path, "manifest.json", Token);
        var ids = manifest.Nodes.Keys.Concat(manifest.Disabled.Select(n => n.UniqueId)).ToHashSet(StringComparer.Ordinal);

        var ranged = await ManifestReader.ReadFactsAsync(path, manifest, ids, Token);
        var scanned = await ManifestReader.ReadFactsAsync(path, "manifest.json", ids, Token);

        Assert.NotNull(manifest.Source);
        Assert.True(scanned.Count > 10);
        Assert.Equal(scanned.Keys.Order(StringComparer.Ordinal), ranged.Keys.Order(StringComparer.Ordinal));
        Assert.All(scanned, pair => Assert.Equal(Describe(pair.Value), Describe(ranged[pair.Key])));
    }

    [Fact]
    public async Task ManifestChangedSinceItWasRead_IsScannedAgain()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("manifest.json");
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "fixtures", "dbt", "recce", "base", "manifest.json"), path);
        var manifest = await ManifestReader.ReadAsync(path, "manifest.json", Token);
        var id = manifest.Nodes.Values.First(n => n.ResourceType == "model").UniqueId;

        // Another compile rewrote the file: new bytes in front move every node.
        File.WriteAllText(path, " \n" + File.ReadAllText(path));
        var facts = await ManifestReader.ReadFactsAsync(path, manifest, new HashSet<string> { id }, Token);

        Assert.Equal(id, Assert.Single(facts).Value.UniqueId);
        Assert.NotNull(facts[id].RawCode);
    }

    private static string Describe(NodeFacts facts) => JsonSerializer.Serialize(new
    {
        facts.UniqueId,
        facts.ResourceType,
        Relation = facts.Relation?.ToString(),
        facts.Materialized,
        facts.Disabled,
        facts.ContractEnforced,
        facts.Access,
        facts.Version,
        Columns = facts.Columns.Select(c => c.ToString()).ToArray(),
        Constraints = facts.Constraints.ToArray(),
        facts.RawCode,
        facts.CompiledCode,
        facts.Language,
        facts.Checksum,
    });
}
