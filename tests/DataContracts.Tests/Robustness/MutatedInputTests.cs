using System.Text;
using DataContracts.Catalog.Snapshot;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Robustness;

/// <summary>
/// Seeded random damage to real inputs: every reader either reads the input or reports an
/// <see cref="InputException"/> with a DC code. Anything else would reach the user as DC9001.
/// </summary>
public class MutatedInputTests
{
    private const int Iterations = 1500;

    private static string Mutate(Random random, string text)
    {
        var chars = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && chars.Length > 0; i++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(5))
            {
                case 0: chars.Remove(at, Math.Min(random.Next(1, 20), chars.Length - at)); break;
                case 1: chars.Insert(at, "[{:-'\"&*!|>%@`#\t\n\\"[random.Next(18)]); break;
                case 2: chars[at] = (char)random.Next(0, 0x3000); break;
                case 3: chars.Length = at; break;
                default:
                    var from = random.Next(chars.Length);
                    chars.Insert(at, chars.ToString(from, Math.Min(15, chars.Length - from)));
                    break;
            }
        }

        return chars.ToString();
    }

    [Fact]
    public void TheContractReaderNeverThrowsAnythingButInputErrors()
    {
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "jaffle_shop", "datacontracts.yml"));
        var random = new Random(20261128);
        var refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var text = Mutate(random, sample);
            try
            {
                ContractFileReader.Parse(text, "datacontracts.yml", new DateOnly(2026, 11, 28));
            }
            catch (InputException e)
            {
                refused++;
                Assert.NotEmpty(e.Diagnostics);
                Assert.All(e.Diagnostics, d => Assert.StartsWith("DC2", d.Code, StringComparison.Ordinal));
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} for input:\n{text}");
            }
        }

        Assert.True(refused > 0, "no damaged input was refused: the error path was never exercised");
    }

    [Fact]
    public async Task TheSnapshotReaderNeverThrowsAnythingButInputErrors()
    {
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "jaffle_shop", "secoda-snapshot.json"));
        var random = new Random(11282026);
        using var folder = new TempFolder();
        var refused = 0;
        for (var i = 0; i < Iterations / 5; i++)
        {
            var path = folder.Write($"s{i}.json", Mutate(random, sample));
            try
            {
                await SnapshotFile.ReadAsync(path, TestContext.Current.CancellationToken);
            }
            catch (InputException e)
            {
                refused++;
                Assert.NotEmpty(e.Diagnostics);
                Assert.All(e.Diagnostics, d => Assert.StartsWith("DC6", d.Code, StringComparison.Ordinal));
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(refused > 0, "no damaged input was refused: the error path was never exercised");
    }

    [Fact]
    public async Task TheManifestReaderNeverThrowsAnythingButInputErrors()
    {
        // The sample manifest, damaged at random: cut, spliced, bytes changed.
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "jaffle_shop", "target", "manifest.json"));
        var random = new Random(42);
        using var folder = new TempFolder();
        folder.Write("dbt_project.yml", "name: jaffle_shop\nconfig-version: 2\n");
        var refused = 0;
        for (var i = 0; i < 60; i++)
        {
            var manifest = folder.Write("target/manifest.json", Mutate(random, sample));
            try
            {
                await DataContracts.Mapping.Dbt.DbtProject.LoadAsync(
                    new DataContracts.Mapping.Dbt.DbtProjectOptions { WorkspaceRoot = folder.Path, ProjectDir = folder.Path, ManifestPath = manifest },
                    TestContext.Current.CancellationToken);
            }
            catch (InputException e)
            {
                refused++;
                Assert.NotEmpty(e.Diagnostics);
                Assert.All(e.Diagnostics, d => Assert.StartsWith("DC4", d.Code, StringComparison.Ordinal));
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(refused > 0, "no damaged input was refused: the error path was never exercised");
    }
}
