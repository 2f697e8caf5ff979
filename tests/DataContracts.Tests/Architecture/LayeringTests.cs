using System.Reflection;
using DataContracts.Application;
using DataContracts.GitHub;
using DataContracts.Secoda;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// The core is the domain; the Secoda and GitHub adapters live beside it and only the CLI wires them in.
/// Read from the compiled assemblies' references, so a stray package or project reference fails here.
/// </summary>
public class LayeringTests
{
    private static readonly string[] Adapters =
        ["Refit", "Octokit", "Polly", "Polly.Core", "Microsoft.Extensions.Http", "Microsoft.Extensions.Http.Resilience", "System.Net.Http"];

    private static string[] References(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal)];

    [Fact]
    public void CoreReferencesNoHttpClientNoAdapterAndNoAdapterProject()
    {
        var references = References(typeof(Checker).Assembly);

        Assert.Contains("YamlDotNet", references);
        Assert.Empty(references.Intersect([.. Adapters, "DataContracts.Secoda", "DataContracts.GitHub", "datacontracts"], StringComparer.Ordinal));
    }

    [Fact]
    public void EachAdapterReferencesOnlyItsOwnClientLibrary()
    {
        var secoda = References(typeof(SecodaCatalog).Assembly);
        var github = References(typeof(GitHubReporter).Assembly);

        // The Secoda adapter is a typed HttpClient with Polly for its retries: no client library (issue 24, item 6).
        Assert.Contains("System.Net.Http", secoda);
        Assert.Contains("Polly.Core", secoda);
        Assert.Empty(secoda.Intersect(["Refit", "Octokit", "DataContracts.GitHub"], StringComparer.Ordinal));
        Assert.Contains("System.Net.Http", github);
        Assert.Contains("Polly.Core", github);
        Assert.Empty(github.Intersect(["Refit", "Octokit", "DataContracts.Secoda"], StringComparer.Ordinal));

        // The production-state adapter is plain HttpClient: no client library, no other adapter.
        var artifacts = References(typeof(DataContracts.Artifacts.HttpStateFetcher).Assembly);
        Assert.Contains("System.Net.Http", artifacts);
        Assert.Empty(artifacts.Intersect(["Refit", "Octokit", "Polly", "Polly.Core", "DataContracts.Secoda", "DataContracts.GitHub"], StringComparer.Ordinal));
    }

    [Fact]
    public void NoCoreTypeIsPublicExceptTheEnumsTestsBindTo()
    {
        var exported = typeof(Checker).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(["DataContracts.Contracts.SqlDialect", "DataContracts.Mapping.Sql.SqlTokenKind"], exported);
    }
}
