using DataContracts.Application;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// The core's namespaces form a pipeline (Changes → Mapping → Classification → Catalog/Impact → Application →
/// Reports): no namespace may use one that uses it back. Read from the compiled assembly, so a type put in the
/// wrong folder fails here whatever the using directives say.
/// </summary>
public class NamespaceCycleTests
{
    [Fact]
    public void TheCoreHasNoNamespaceCycle()
    {
        var graph = NamespaceGraph.Read(typeof(Checker).Assembly.Location);

        // The reader must see the core's real dependencies, or an empty graph would pass.
        Assert.Contains("DataContracts.Mapping", graph.Edges["DataContracts.Application"].Keys);
        Assert.Contains("DataContracts.Diagnostics", graph.Edges["DataContracts.Contracts"].Keys);

        var cycles = graph.Cycles();
        Assert.True(cycles.IsEmpty, string.Join("\n", cycles.Select(c => Describe(graph, c))));
    }

    [Fact]
    public void TheReaderFindsACycleWhereThereIsOne()
    {
        // This test assembly's own namespaces use each other both ways (Support ⇄ the tests): proof the check can fail.
        var graph = NamespaceGraph.Read(typeof(NamespaceCycleTests).Assembly.Location);

        Assert.NotEmpty(graph.Cycles());
    }

    private static string Describe(NamespaceGraph graph, IReadOnlyList<string> cycle) =>
        "Namespace cycle among " + string.Join(", ", cycle) + ":\n" + string.Join("\n", cycle.SelectMany(from =>
            (graph.Edges.GetValueOrDefault(from) ?? []).Where(e => cycle.Contains(e.Key)).Select(e => $"  {from} → {e.Key}  (e.g. {e.Value})")));
}
