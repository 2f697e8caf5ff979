using System.Text.RegularExpressions;
using DataContracts.MSBuild;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// One real `dotnet build -m:3` of a traversal over three projects that all reference the package (its build/
/// and tasks/ folders from source, laid out as in the package) and share one contract file: the CLI runs once
/// for the whole build whatever node each project lands on, each diagnostic is listed once, every project gets
/// the verdict and a copy of the report, and a failing check fails the build.
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
        Assert.True(CliRuns(result.Output) == 1, result.Output);
        Assert.Matches(@"\b1 Error\(s\)", result.Output);
        var errors = result.Output.Split('\n').Where(l => l.Contains("orders.sql(2,1): DataContracts error DC1001:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, line => Assert.EndsWith("DataContracts.MSBuild.Check.proj]", line.TrimEnd(), StringComparison.Ordinal));
        Assert.Equal(Projects.Length, Count(result.Output, @"datacontracts: fail \(1 diagnostic\(s\), listed once in this build\); report: "));
        foreach (var name in Projects)
        {
            Assert.Matches("\"result\":\\s*\"fail\"", File.ReadAllText(Path.Combine(repo, name, "obj", "datacontracts.json")));
            Assert.False(File.Exists(Path.Combine(repo, name, "obj", "datacontracts.stamp")), name);
        }
    }

    [Fact]
    public async Task DotnetBuild_ThreeProjectsOneContractFile_PassingCheckRunsOnceAndEveryProjectIsStamped()
    {
        var result = await BuildAsync(MSBuildSample.Clean);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(CliRuns(result.Output) == 1, result.Output);
        Assert.Equal(Projects.Length, Count(result.Output, @"datacontracts: pass \(0 diagnostic\(s\), listed once in this build\); report: "));
        Assert.All(Projects, name => Assert.True(File.Exists(Path.Combine(repo, name, "obj", "datacontracts.stamp")), name));

        var again = await BuildAsync(MSBuildSample.Clean);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(CliRuns(again.Output) == 0, again.Output);
    }

    [Fact]
    public async Task DotnetBuild_AProjectWithOtherSettings_GetsARunOfItsOwn()
    {
        Write(Path.Combine(repo, "Reporting", "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <DataContractsWarningsAsErrors>true</DataContractsWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(
            Path.Combine(repo, "Reporting", "Reporting.proj"),
            File.ReadAllText(Path.Combine(repo, "Reporting", "Reporting.proj")).Replace("<Project>", "<Project>\n  <Import Project=\"Directory.Build.props\" />", StringComparison.Ordinal));

        var result = await BuildAsync(MSBuildSample.Warning);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.True(CliRuns(result.Output) == 2, result.Output);
        Assert.Equal(2, Count(result.Output, @"datacontracts: warn \(1 diagnostic\(s\), listed once in this build\)"));
        Assert.Equal(1, Count(result.Output, @"datacontracts: warn \(1 diagnostic\(s\)\)\s*$"));
        Assert.Matches(@"\b1 Warning\(s\)", result.Output);
        Assert.Matches(@"\b1 Error\(s\)", result.Output);
    }

    public void Dispose() => temp.Dispose();

    private Task<ChildProcess.Result> BuildAsync(string changedFiles) =>

        // Three nodes: before the check had a project of its own, each node ran it once.
        ChildProcess.RunAsync(
            "dotnet",
            ["build", "all.proj", "--no-restore", "--disable-build-servers", "-nodeReuse:false", "-m:3", "-v:n",
                $"-p:DataContractsToolPath={MSBuildSample.ToolPath}", $"-p:DataContractsChangedFiles={Path.Combine(repo, changedFiles)}"],
            repo);

    private static int Count(string output, string pattern) => Regex.Matches(output, pattern, RegexOptions.Multiline).Count;

    /// <summary>How many times the CLI was started: the task logs each command line it runs.</summary>
    private static int CliRuns(string output) => Count(output, @"datacontracts\.dll check --format msbuild --report ");

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
