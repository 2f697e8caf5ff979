using System.Reflection;
using System.Xml.Linq;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// Octokit builds its <c>StringEnum&lt;T&gt;</c> values by reflection (<c>Activator.CreateInstance</c>). In the Native AOT
/// tool a value-type instantiation exists only if something asks for it, so the tool's rd.xml asks for every one
/// an Octokit model can hold. This keeps that list complete when Octokit is upgraded: a missing entry would be a
/// MissingMethodException on the first GitHub answer that carries the field, in the native tool only.
/// </summary>
public sealed class OctokitNativeDirectivesTests
{
    [Fact]
    public void EveryStringEnumAnOctokitModelCanHoldIsKeptInTheNativeBuild()
    {
        var octokit = typeof(Octokit.GitHubClient).Assembly;
        var needed = octokit.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Octokit.StringEnum<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToDictionary(t => t.FullName!, t => t.Assembly == octokit ? "Octokit" : "System.Private.CoreLib", StringComparer.Ordinal);

        var directives = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "DataContracts.Tool", "Octokit.rd.xml"));
        var kept = directives.Descendants("Type")
            .Select(e => e.Attribute("Name")!.Value)
            .Where(n => n.StartsWith("Octokit.StringEnum`1[[", StringComparison.Ordinal))
            .Select(n => n["Octokit.StringEnum`1[[".Length..].Split(',')[0])
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(needed.Count > 20, $"only {needed.Count} StringEnum types found: the reflection above is wrong");
        var missing = needed.Keys.Except(kept).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "add to src/DataContracts.Tool/Octokit.rd.xml:\n" + string.Join("\n", missing.Select(m => $"      <Type Name=\"Octokit.StringEnum`1[[{m}, {needed[m]}]]\" Dynamic=\"Required All\" />")));
    }
}
