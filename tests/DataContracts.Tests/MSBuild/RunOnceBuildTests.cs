using System.Text.RegularExpressions;
using DataContracts.MSBuild;
using DataContracts.Tests.Support;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// One real `dotnet build` of a traversal over three projects that all reference the package (its build/ and
/// tasks/ folders from source, laid out as in the package) and share one contract file: the check runs once
/// and its result is reused by the other projects, and a failing check still fails the build.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class RunOnceBuildTests : IDisposable
{
    private static readonly string[] Projects = ["Orders", "Billing", "Reporting"];

    private readonly TempFolder temp = new();
    private readonly string repo;

    public RunOnceBuildTests()
    {
        var package = temp.Combine("package");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "DataContracts.MSBuild", "build")))
        {
            Copy(file, Path.Combine(package, "build", Path.GetFileName(file)));
        }

        Copy(typeof(DataContractsCheck).Assembly.Location, Path.Combine(package, "tasks", "net8.0", "DataContracts.MSBuild.dll"));

        repo = temp.Combine("repo");
        MSBuildSample.CopyTo(repo);
        foreach (var name in Projects)
        {
            Write(Path.Combine(repo, name, name + ".proj"), $"""
                <Project>
                  <Import Project="$(MSBuildThisFileDirectory)../../package/build/DataContracts.MSBuild.props" />
                  <PropertyGroup>
                    <DataContractsCatalogSnapshot>../secoda-snapshot.json</DataContractsCatalogSnapshot>
                    <IntermediateOutputPath>obj/</IntermediateOutputPath>
                  </PropertyGroup>
                  <Target Name="Build" />
                  <Import Project="$(MSBuildThisFileDirectory)../../package/build/DataContracts.MSBuild.targets" />
                </Project>
                """);
        }

        var references = string.Join(';', Projects.Select(p => $"{p}/{p}.proj"));
        Write(Path.Combine(repo, "all.proj"), $"""
            <Project>
              <Target Name="Build">
                <MSBuild Projects="{references}" Targets="Build" BuildInParallel="true" />
              </Target>
            </Project>
            """);
    }

    [Fact]
    public async Task DotnetBuild_ThreeProjectsOneContractFile_FailingCheckRunsOnceAndFailsTheBuild()
    {
        var result = await BuildAsync(MSBuildSample.Breaking);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal(1, Count(result.Output, @"datacontracts: fail \(1 diagnostic\(s\)\); report:"));
        Assert.True(Count(result.Output, @"datacontracts: already checked in this build by Orders\.proj: fail \(1 diagnostic\(s\)") == Projects.Length - 1, result.Output);
        var errors = result.Output.Split('\n').Where(l => l.Contains("orders.sql(2,1): DataContracts error DC1001:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, line => Assert.EndsWith("Orders.proj]", line.TrimEnd(), StringComparison.Ordinal));
        foreach (var name in Projects)
        {
            Assert.Matches("\"result\":\\s*\"fail\"", File.ReadAllText(Path.Combine(repo, name, "obj", "datacontracts.json")));
        }
    }

    [Fact]
    public async Task DotnetBuild_ThreeProjectsOneContractFile_PassingCheckRunsOnceAndEveryProjectIsStamped()
    {
        var result = await BuildAsync(MSBuildSample.Clean);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, Count(result.Output, @"datacontracts: pass \(0 diagnostic\(s\)\); report:"));
        Assert.Equal(Projects.Length - 1, Count(result.Output, "datacontracts: already checked in this build by Orders\\.proj: pass"));
        Assert.All(Projects, name => Assert.True(File.Exists(Path.Combine(repo, name, "obj", "datacontracts.stamp")), name));
    }

    public void Dispose() => temp.Dispose();

    private Task<ChildProcess.Result> BuildAsync(string changedFiles) =>

        // One node: the result is kept per MSBuild node process (docs/msbuild.md), so the count is exact here.
        ChildProcess.RunAsync(
            "dotnet",
            ["build", "all.proj", "--no-restore", "--disable-build-servers", "-nodeReuse:false", "-m:1", "-v:n",
                $"-p:DataContractsToolPath={MSBuildSample.ToolPath}", $"-p:DataContractsChangedFiles={Path.Combine(repo, changedFiles)}"],
            repo);

    private static int Count(string output, string pattern) => Regex.Matches(output, pattern).Count;

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
