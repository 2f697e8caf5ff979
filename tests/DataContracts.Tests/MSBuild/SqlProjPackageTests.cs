using System.Text.Json;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// samples/sqlproj: a database project that references the freshly packed DataContracts.MSBuild, built with a real
/// `dotnet build` in a real git repository. Its .sqlproj stands in for the Microsoft.Build.Sql SDK, which cannot
/// be restored offline (samples/sqlproj/README.md); the package is restored and imported as in any SDK project.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class SqlProjPackageTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task DotnetBuildOfTheDatabaseProject_FailsAtTheSqlFileOnABreakingChange_PassesOnAnAdditiveOne()
    {
        await feed.EnsurePackedAsync();
        var project = SqlProjSample.CopyTo(temp.Combine("repo"));
        feed.WriteNuGetConfig(project);
        GitRepo.Run(project, "add", "-A");
        GitRepo.Run(project, "commit", "-q", "-m", "the packed feed");
        var baseCommit = GitRepo.Run(project, "rev-parse", "HEAD").Trim();
        var orders = Path.Combine(project, "Sales", "Tables", "Orders.sql");

        // A changed-files list without history: Sales.Orders' change cannot be classified, and the dashboard reads it.
        var listed = await BuildAsync(project, restore: true, $"-p:DataContractsChangedFiles={SqlProjSample.Breaking}");
        Assert.True(listed.ExitCode != 0, listed.ToString());
        Assert.True(listed.Output.Contains($"{orders}(1,1): DataContracts error DC1001:", StringComparison.Ordinal), listed.ToString());

        var clean = await BuildAsync(project, restore: false, $"-p:DataContractsChangedFiles={SqlProjSample.Clean}");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("DC5104", clean.Output, StringComparison.Ordinal);
        Assert.Equal("warn", ReportResult(project));

        // Against the git base: an added column is additive and only warns about the consumer.
        File.WriteAllText(orders, File.ReadAllText(orders).Replace("    [LastEditedBy]", "    [Channel]                     NVARCHAR (20)  NULL,\n    [LastEditedBy]", StringComparison.Ordinal));
        GitRepo.Run(project, "commit", "-q", "-am", "add a column");
        var additive = await BuildAsync(project, restore: false, $"-p:DataContractsBaseRef={baseCommit}");
        Assert.True(additive.ExitCode == 0, additive.ToString());
        Assert.True(additive.Output.Contains("DC1020", StringComparison.Ordinal), additive.ToString());

        // A dropped column is breaking: the build fails at the .sql file.
        File.WriteAllText(orders, File.ReadAllText(orders).Replace("    [Comments]                    NVARCHAR (MAX) NULL,\n", string.Empty, StringComparison.Ordinal));
        GitRepo.Run(project, "commit", "-q", "-am", "drop a column");
        var dropped = await BuildAsync(project, restore: false, $"-p:DataContractsBaseRef={baseCommit}");
        Assert.True(dropped.ExitCode != 0, dropped.ToString());
        var line = dropped.Output.Split('\n').First(l => l.Contains("error DC1001:", StringComparison.Ordinal));
        Assert.StartsWith($"{orders}(1,1): DataContracts error DC1001:", line.Trim(), StringComparison.Ordinal);
        Assert.Contains("column Comments removed", line, StringComparison.Ordinal);

        // SQLCMD variables reach the check: a malformed one is the CLI's coded error.
        var variable = await BuildAsync(project, restore: false, $"-p:DataContractsChangedFiles={SqlProjSample.Clean}", "-p:DataContractsSqlCmdVariables=ReportDb%3DReporting%3Bnot-a-pair");
        Assert.True(variable.ExitCode != 0, variable.ToString());
        Assert.Contains("DC5108", variable.Output, StringComparison.Ordinal);
        Assert.Contains("not-a-pair", variable.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'ReportDb=Reporting'", variable.Output, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    private async Task<ChildProcess.Result> BuildAsync(string project, bool restore, params string[] properties)
    {
        string[] arguments = ["build", "WideWorldImporters.sqlproj", "--disable-build-servers", "-nodeReuse:false", "-v:m", "-clp:NoSummary", .. properties];
        return await ChildProcess.RunAsync("dotnet", restore ? arguments : [.. arguments, "--no-restore"], project, feed.Environment);
    }

    private static string? ReportResult(string project)
    {
        var report = Directory.GetFiles(Path.Combine(project, "obj"), "datacontracts.json", SearchOption.AllDirectories).Single();
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        return document.RootElement.GetProperty("result").GetString();
    }
}
