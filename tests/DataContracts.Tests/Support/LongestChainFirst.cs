using DataContracts.Tests.MSBuild;

using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(LongestChainFirst))]

namespace DataContracts.Tests.Support;

/// <summary>
/// Starts the package tests first: their tests run one after another and take longest, so started late they
/// would run on alone after everything else had finished. The other collections keep xunit's default order.
/// </summary>
public sealed class LongestChainFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(c => c.TestCollectionDisplayName == PackageCollection.Name ? 0 : 1)];
}
