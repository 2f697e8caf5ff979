using System.Text.Json;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Level (c): real `dotnet build` runs of a copy of samples/msbuild that restores the freshly packed
/// DataContracts.MSBuild from a local folder feed with an isolated NuGet cache, and the packed
/// DataContracts.Tool installed with `dotnet tool install --tool-path`. Few runs on purpose: each costs seconds.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageEndToEndTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task DotnetBuild_FailsOnBlockingImpact_PassesWithout_WarnsOnWarn_SaysWhatToSetWithoutTokenOrSnapshot()
    {
        await feed.EnsurePackedAsync();
        var project = PrepareProject();

        var breaking = await BuildAsync(project, restore: true, $"-p:DataContractsChangedFiles={MSBuildSample.Breaking}");
        Assert.True(breaking.ExitCode != 0, breaking.ToString());
        Assert.Contains($"{Path.Combine(project, "warehouse", "orders.sql")}(2,1): DataContracts error DC1001:", breaking.Output, StringComparison.Ordinal);
        Assert.Equal("fail", ReportResult(project));

        // No token and a snapshot: the check answers offline.
        var clean = await BuildAsync(project, restore: false, $"-p:DataContractsChangedFiles={MSBuildSample.Clean}");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.DoesNotContain("DC1001", clean.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("datacontracts:", clean.Output, StringComparison.Ordinal); // quiet at the default verbosity when nothing matters
        Assert.Equal("pass", ReportResult(project));

        var warn = await BuildAsync(project, restore: false, $"-p:DataContractsChangedFiles={MSBuildSample.Warning}");
        Assert.True(warn.ExitCode == 0, warn.ToString());
        Assert.Contains($"{Path.Combine(project, "warehouse", "customers.sql")}(2,1): DataContracts warning DC1002:", warn.Output, StringComparison.Ordinal);
        Assert.Equal("warn", ReportResult(project));

        // No token and no snapshot: the build says which variable or property to set (the same restored project).
        var unset = await BuildAsync(project, restore: false, $"-p:DataContractsChangedFiles={MSBuildSample.Clean}", "-p:DataContractsCatalogSnapshot=");
        Assert.True(unset.ExitCode != 0, unset.ToString());
        var line = unset.Output.Split('\n').FirstOrDefault(l => l.Contains("error DC8002:", StringComparison.Ordinal));
        Assert.True(line is not null, unset.ToString());
        Assert.Contains("SECODA_API_TOKEN", line, StringComparison.Ordinal);
        Assert.Contains("DataContractsCatalogSnapshot", line, StringComparison.Ordinal);
        Assert.Equal("error", ReportResult(project));
    }

    [Fact]
    public async Task ToolPackage_InstallsWithToolPath_AndRunsTheSampleCheck()
    {
        var executable = await feed.InstallToolAsync();

        var version = await ChildProcess.RunAsync(executable, ["--version"], temp.Path);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("0.1.0", version.Output.Trim(), StringComparison.Ordinal);

        var check = await ChildProcess.RunAsync(
            executable,
            ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files-breaking.txt", "--format", "msbuild"],
            RepositoryPaths.Root);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains(Path.Combine(RepositoryPaths.Root, "samples", "jaffle_shop", "models", "orders.sql") + "(1,1): error DC1001:", check.Output, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private string PrepareProject()
    {
        var project = temp.Combine("Warehouse");
        MSBuildSample.CopyTo(project);
        feed.WriteNuGetConfig(project);
        return project;
    }

    private async Task<ChildProcess.Result> BuildAsync(string project, bool restore, params string[] properties)
    {
        string[] arguments = ["build", "--disable-build-servers", "-nodeReuse:false", "-v:m", "-clp:NoSummary", .. properties];
        return await ChildProcess.RunAsync("dotnet", restore ? arguments : [.. arguments, "--no-restore"], project, feed.Environment);
    }

    private static string? ReportResult(string project)
    {
        var report = Directory.GetFiles(Path.Combine(project, "obj"), "datacontracts.json", SearchOption.AllDirectories).Single();
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        return document.RootElement.GetProperty("result").GetString();
    }
}
