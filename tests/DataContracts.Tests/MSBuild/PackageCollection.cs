namespace DataContracts.Tests.MSBuild;

/// <summary>
/// The package tests: one pack, then real <c>dotnet build</c>s and a tool install, each a child process with its
/// own folder, so they run beside the other collections rather than alone after them (<see cref="MSBuildCollection"/>
/// is not parallel because in-process builds change the current folder). They are the longest chain of the
/// suite, so <see cref="Support.LongestChainFirst"/> starts them first.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "MSBuild packages";
}
