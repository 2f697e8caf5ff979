using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Models.SqlProj;

/// <summary>How a database project's files map: SQLCMD variables, Build items and their removals, errors at file:line:col.</summary>
public class SqlProjMappingTests
{
    private const string Feed = "Sales/Views/ReportFeed.sql";

    private static async Task<CliRunner.Run> CheckChangedAsync(GitRepo repo, string changed, params string[] extra)
    {
        repo.Write("changed.txt", changed);
        return await CliRunner.RunAsync(repo.Path, null, null, ["check", "--changed-files", "changed.txt", "--format", "json", .. extra]);
    }

    private static string[] Tables(CliRunner.Run run) =>
        [.. JsonNode.Parse(run.Out)!["changes"]!.AsArray().Select(c => c!["table"]!.GetValue<string>())];

    private static GitRepo WithFeed(string sqlprojExtra = "")
    {
        var repo = WideWorldImportersRepo.Create(sqlprojExtra);
        // The example: an unbracketed variable as the database part of a name.
        repo.Write($"{WideWorldImportersRepo.Project}/{Feed}", "CREATE TABLE $(ReportDb).rpt.DailyOrders (\n    OrderDate DATE NOT NULL,\n    OrderCount INT NOT NULL\n);\n");
        return repo;
    }

    [Fact]
    public async Task AVariableTakesTheProjectDefaultThenTheContractThenTheCommandLine()
    {
        using var byDefault = WithFeed();
        var run = await CheckChangedAsync(byDefault, $"{WideWorldImportersRepo.Project}/{Feed}\n");
        Assert.True(run.ExitCode != ExitCodes.InvalidInput, run.All);
        Assert.Equal(["WWI_Reporting.rpt.DailyOrders"], Tables(run));

        using var byContract = WithFeed("  variables:\n    ReportDb: Reporting");
        run = await CheckChangedAsync(byContract, $"{WideWorldImportersRepo.Project}/{Feed}\n");
        Assert.Equal(["Reporting.rpt.DailyOrders"], Tables(run));

        run = await CheckChangedAsync(byContract, $"{WideWorldImportersRepo.Project}/{Feed}\n", "--sqlcmd-var", "reportdb=FromCli");
        Assert.Equal(["FromCli.rpt.DailyOrders"], Tables(run));
    }

    [Fact]
    public async Task AVariableWithoutAValueIsAnErrorAtItsLineAndColumn()
    {
        using var repo = WideWorldImportersRepo.Create();
        repo.Write($"{WideWorldImportersRepo.Project}/{Feed}", "-- archive\nCREATE TABLE [$(ArchiveDb)].[rpt].[Orders] (OrderID INT NOT NULL);\n");

        var run = await CheckChangedAsync(repo, $"{WideWorldImportersRepo.Project}/{Feed}\n");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var error = Assert.Single(JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC5105")!;
        Assert.Equal($"{WideWorldImportersRepo.Project}/{Feed}", error["file"]!.GetValue<string>());
        Assert.Equal((2, 14), (error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>()));
        Assert.Contains("--sqlcmd-var ArchiveDb=VALUE", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASyntaxErrorIsAnErrorAtTheParsersLineAndColumn()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Sales/Tables/Orders.sql", "    [OrderDate]                   DATE           NOT NULL,\n", "    [OrderDate]                   DATE           NOT NULL NOT,\n");

        var run = await CheckChangedAsync(repo, $"{WideWorldImportersRepo.Project}/Sales/Tables/Orders.sql\n");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var error = Assert.Single(JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "DC5106")!;
        Assert.Equal($"{WideWorldImportersRepo.Project}/Sales/Tables/Orders.sql", error["file"]!.GetValue<string>());
        Assert.Equal(8, error["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFileTakenOutByBuildRemoveIsSaidAndNotAnError()
    {
        using var repo = WideWorldImportersRepo.Create();

        var run = await CheckChangedAsync(repo, $"{WideWorldImportersRepo.Project}/Legacy/OldOrders.sql\n{WideWorldImportersRepo.Project}/Scripts/Script.PostDeployment.sql\n");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(Tables(run));
        var diagnostics = JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray();
        Assert.Contains(diagnostics, d => d!["code"]!.GetValue<string>() == "DC5104" && d["message"]!.GetValue<string>().Contains("'Build Remove='", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d!["code"]!.GetValue<string>() == "DC5104" && d["message"]!.GetValue<string>().Contains("post-deployment", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d!["code"]!.GetValue<string>() == "DC1010");
    }

    [Fact]
    public async Task AClassicProjectBuildsOnlyItsIncludedFilesAndNamesItsDatabaseByName()
    {
        using var repo = WideWorldImportersRepo.Create();
        repo.Write($"{WideWorldImportersRepo.Project}/WideWorldImporters.sqlproj", """
            <?xml version="1.0" encoding="utf-8"?>
            <Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003" ToolsVersion="4.0">
              <PropertyGroup>
                <Name>WWI_Classic</Name>
                <DSP>Microsoft.Data.Tools.Schema.Sql.Sql130DatabaseSchemaProvider</DSP>
              </PropertyGroup>
              <ItemGroup>
                <Build Include="Sales\Tables\*.sql" />
                <Build Include="Website\Views\Customers.sql" />
                <Build Remove="Sales\Tables\Customers.sql" />
              </ItemGroup>
            </Project>
            """);

        var run = await CheckChangedAsync(repo, string.Join('\n', new[] { "Sales/Tables/Orders.sql", "Sales/Tables/Customers.sql", "Website/Views/Customers.sql", "Warehouse/Tables/StockItems.sql" }
            .Select(f => $"{WideWorldImportersRepo.Project}/{f}")) + "\n" + $"{WideWorldImportersRepo.Project}/WideWorldImporters.sqlproj\n");

        Assert.Equal(["WWI_Classic.Sales.Orders", "WWI_Classic.Website.Customers"], Tables(run).Order(StringComparer.Ordinal));
        var codes = JsonNode.Parse(run.Out)!["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(2, codes.Count(c => c == "DC5104"));
        Assert.Contains("DC5103", codes);
    }

    [Fact]
    public async Task AMalformedSqlCmdVarIsAnInputError()
    {
        using var repo = WideWorldImportersRepo.Create();

        var run = await CheckChangedAsync(repo, $"{WideWorldImportersRepo.Project}/Sales/Tables/Orders.sql\n", "--sqlcmd-var", "no-equals-sign");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC5108", run.All, StringComparison.Ordinal);
    }
}
