using System.IO.Compression;
using System.Xml.Linq;

namespace DataContracts.Tests.MSBuild;

/// <summary>What `dotnet pack` puts in the two packages: layout, metadata, and no copy of MSBuild.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public async Task MSBuildPackage_HasBuildShimsTaskAndTool_AndNoMSBuildAssemblies()
    {
        await feed.EnsurePackedAsync();
        using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, "DataContracts.MSBuild.0.1.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("build/DataContracts.MSBuild.props", entries);
        Assert.Contains("build/DataContracts.MSBuild.targets", entries);
        Assert.Contains("build/DataContracts.MSBuild.Check.proj", entries);
        foreach (var shim in new[] { "buildTransitive/DataContracts.MSBuild.props", "buildTransitive/DataContracts.MSBuild.targets", "buildMultiTargeting/DataContracts.MSBuild.props", "buildMultiTargeting/DataContracts.MSBuild.targets" })
        {
            using var reader = new StreamReader(package.GetEntry(shim)!.Open());
            Assert.Contains("../build/$(MSBuildThisFile)", await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Contains("tasks/net8.0/DataContracts.MSBuild.dll", entries);
        Assert.Contains("tools/net10.0/datacontracts.dll", entries);
        Assert.Contains("tools/net10.0/datacontracts.runtimeconfig.json", entries);
        Assert.Contains("tools/net10.0/datacontracts.deps.json", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        var metadata = Nuspec(package);
        Assert.Equal("true", metadata("developmentDependency"));
        Assert.Equal("MIT", metadata("license"));
        Assert.Equal("README.md", metadata("readme"));
        Assert.Null(metadata("dependencies"));
    }

    [Fact]
    public async Task ToolPackage_PointsToTheNativeAndThePortablePackages_WithReadmeLicenceAndRepository()
    {
        await feed.EnsurePackedAsync();
        using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, "DataContracts.Tool.0.1.0.nupkg"));

        // The pointer package holds no code: it names a package per RID, the native one first, the portable one last
        // (without the native compile, the feed is packed with the portable one only: PackedFeed.Native).
        var settings = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using (var stream = settings.Open())
        {
            var rids = XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
                .Select(p => $"{p.Attribute("RuntimeIdentifier")!.Value}={p.Attribute("Id")!.Value}").ToArray();
            Assert.Equal(PackedFeed.ToolRids.Select(r => $"{r}=DataContracts.Tool.{r}"), rids);
        }

        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        var metadata = Nuspec(package);
        Assert.Equal("MIT", metadata("license"));
        Assert.Equal("README.md", metadata("readme"));
        Assert.Equal("https://github.com/datacontracts/datacontracts", metadata("repository@url"));

        // The portable package is the framework-dependent tool, as before RID-specific packages.
        using var portable = ZipFile.OpenRead(Path.Combine(feed.Folder, "DataContracts.Tool.any.0.1.0.nupkg"));
        Assert.Contains(portable.Entries, e => e.FullName == "tools/net10.0/any/datacontracts.dll");
        Assert.Contains(portable.Entries, e => e.FullName == "tools/net10.0/any/DotnetToolSettings.xml");
    }

    private static Func<string, string?> Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return name =>
        {
            var parts = name.Split('@');
            var element = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == parts[0]);
            return parts.Length == 2 ? element?.Attribute(parts[1])?.Value : element?.Value;
        };
    }
}
