using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Models.SqlProj;

/// <summary>
/// A database project's change, git base against head, through the CLI: each kind of mutation gets the class a
/// SQL Server developer expects from SSDT's deploy report.
/// </summary>
public class SqlProjClassificationTests
{
    private static async Task<JsonNode> CheckAsync(GitRepo repo, params string[] extra)
    {
        repo.Commit("change");
        var run = await CliRunner.RunAsync(repo.Path, null, null, ["check", "--base", "main", "--format", "json", .. extra]);
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.ContractViolation, run.All);
        return JsonNode.Parse(run.Out)!;
    }

    private static JsonNode Change(JsonNode report, string table) =>
        report["changes"]!.AsArray().Single(c => string.Equals(c!["table"]?.GetValue<string>(), table, StringComparison.OrdinalIgnoreCase))!;

    private static string Reasons(JsonNode change) => string.Join(" | ", change["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

    [Fact]
    public async Task ADroppedColumnIsBreakingAndMapsToTheProjectsDatabase()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Sales/Tables/Orders.sql", "    [Comments]                    NVARCHAR (MAX) NULL,\n", string.Empty);

        var report = await CheckAsync(repo);

        var change = Change(report, "WideWorldImporters.Sales.Orders");
        Assert.Equal("breaking", change["classification"]!.GetValue<string>());
        Assert.Contains("column Comments removed (possible data loss)", Reasons(change), StringComparison.Ordinal);
        Assert.Equal("Comments", change["columnChanges"]![0]!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARenamedColumnIsBreakingAndSaidAsARename()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Sales/Tables/Customers.sql", "[PhoneNumber]", "[Phone]");

        var change = Change(await CheckAsync(repo), "WideWorldImporters.Sales.Customers");

        Assert.Equal("breaking", change["classification"]!.GetValue<string>());
        Assert.Contains("column PhoneNumber renamed to Phone", Reasons(change), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[CustomerName]        NVARCHAR (100)", "[CustomerName]        NVARCHAR (50)", "narrowed from nvarchar(100) to nvarchar(50)")]
    [InlineData("[CreditLimit]         DECIMAL (18, 2)", "[CreditLimit]         INT", "retyped from decimal(18,2) to int")]
    [InlineData("[PhoneNumber]         NVARCHAR (20)   NOT NULL", "[PhoneNumber]         NVARCHAR (20)   NULL", "PhoneNumber allows NULL now")]
    [InlineData("    CONSTRAINT [UQ_Sales_Customers_CustomerName] UNIQUE NONCLUSTERED ([CustomerName] ASC)\n", "    CONSTRAINT [CK_Dummy] CHECK (1 = 1)\n", "constraint removed: unique")]
    public async Task RetypedNarrowedOrLooserColumnsAreBreaking(string from, string to, string reason)
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Sales/Tables/Customers.sql", from, to);

        var change = Change(await CheckAsync(repo), "WideWorldImporters.Sales.Customers");

        Assert.Equal("breaking", change["classification"]!.GetValue<string>());
        Assert.Contains(reason, Reasons(change), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddedColumnIsAdditiveAndPasses()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Warehouse/Tables/StockItems.sql", "    [LastEditedBy]", "    [Barcode]             NVARCHAR (50)   NULL,\n    [LastEditedBy]");

        repo.Commit("change");
        var run = await CliRunner.RunAsync(repo.Path, null, null, "check", "--base", "main", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var change = Change(JsonNode.Parse(run.Out)!, "WideWorldImporters.Warehouse.StockItems");
        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("additive", change["kind"]!.GetValue<string>());
        Assert.Equal("Barcode", change["columnChanges"]![0]!["column"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommentsAndFormattingAreCosmetic()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Website/Views/Customers.sql", "WHERE s.IsOnCreditHold = 0;", "-- hide customers on hold\nWHERE   s.IsOnCreditHold   =   0 ;");

        var change = Change(await CheckAsync(repo), "WideWorldImporters.Website.Customers");

        Assert.Equal("non_breaking", change["classification"]!.GetValue<string>());
        Assert.Equal("cosmetic", change["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task AViewsChangedFilterIsLogicAndAViewsDroppedColumnIsBreaking()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Website/Views/Customers.sql", "WHERE s.IsOnCreditHold = 0;", "WHERE s.IsOnCreditHold = 0 AND s.CreditLimit > 0;");
        var logic = Change(await CheckAsync(repo), "WideWorldImporters.Website.Customers");
        Assert.Equal("logic", logic["kind"]!.GetValue<string>());
        Assert.Contains("where", Reasons(logic), StringComparison.Ordinal);

        WideWorldImportersRepo.Edit(repo, "Website/Views/Customers.sql", "       s.WebsiteURL,\n", string.Empty);
        var breaking = Change(await CheckAsync(repo), "WideWorldImporters.Website.Customers");
        Assert.Equal("breaking", breaking["classification"]!.GetValue<string>());
        Assert.Contains("column WebsiteURL removed", Reasons(breaking), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedTableIsADroppedObject()
    {
        using var repo = WideWorldImportersRepo.Create();
        repo.Delete($"{WideWorldImportersRepo.Project}/Warehouse/Tables/StockItems.sql");

        var change = Change(await CheckAsync(repo), "WideWorldImporters.Warehouse.StockItems");

        Assert.Equal("breaking", change["classification"]!.GetValue<string>());
        Assert.Contains("table WideWorldImporters.Warehouse.StockItems dropped", Reasons(change), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenamedTableIsBreakingForTheOldName()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Application/Tables/People.sql", "[Application].[People]", "[Application].[Persons]");

        var report = await CheckAsync(repo);

        var old = Change(report, "WideWorldImporters.Application.People");
        Assert.Equal("breaking", old["classification"]!.GetValue<string>());
        Assert.Contains("renamed to WideWorldImporters.Application.Persons", Reasons(old), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProcedureParameterWithoutDefaultIsBreakingAndWithOneIsNot()
    {
        using var repo = WideWorldImportersRepo.Create();
        WideWorldImportersRepo.Edit(repo, "Website/Stored Procedures/SearchForCustomers.sql", "@MaximumRowsToReturn INT\n", "@MaximumRowsToReturn INT, @OnlyActive BIT = 1\n");
        var withDefault = Change(await CheckAsync(repo), "WideWorldImporters.Website.SearchForCustomers");
        Assert.Equal("non_breaking", withDefault["classification"]!.GetValue<string>());
        Assert.Contains("parameter @OnlyActive added with a default", Reasons(withDefault), StringComparison.Ordinal);

        WideWorldImportersRepo.Edit(repo, "Website/Stored Procedures/SearchForCustomers.sql", "@OnlyActive BIT = 1", "@OnlyActive BIT");
        var without = Change(await CheckAsync(repo), "WideWorldImporters.Website.SearchForCustomers");
        Assert.Equal("breaking", without["classification"]!.GetValue<string>());
    }
}
