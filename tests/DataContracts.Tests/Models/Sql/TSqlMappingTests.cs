using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Sql;

namespace DataContracts.Tests.Models.Sql;

/// <summary>
/// <c>sql:</c> files with <c>dialect: tsql</c> are read by Microsoft's T-SQL parser, as database projects' scripts
/// are: the objects they define (tables, views, procedures, functions) and the tables they write, bracketed and
/// SQLCMD-variable names resolved, and a syntax error a coded diagnostic at its file, line and column.
/// </summary>
public sealed class TSqlMappingTests : IDisposable
{
    // WideWorldImporters-style scripts, as a team keeps them outside a database project and deploys with sqlcmd.
    private const string LoadProcedure = """
        /* Loads the reporting database's daily order counts; run nightly by the ETL job. */
        CREATE OR ALTER PROCEDURE [Integration].[LoadDailyOrders]
            @LoadDate DATE
        AS
        BEGIN
            SET NOCOUNT ON;
            SET XACT_ABORT ON;

            DELETE FROM [$(ReportDb)].[rpt].[DailyOrders] WHERE [OrderDate] = @LoadDate;

            INSERT INTO [$(ReportDb)].[rpt].[DailyOrders] ([OrderDate], [CustomerID], [OrderCount])
            SELECT o.[OrderDate], o.[CustomerID], COUNT(*)
            FROM [Sales].[Orders] AS o
            WHERE o.[OrderDate] = @LoadDate
            GROUP BY o.[OrderDate], o.[CustomerID];

            UPDATE c SET c.[LastLoadedWhen] = SYSDATETIME()
            FROM [Integration].[LoadControl] AS c
            WHERE c.[TableName] = N'DailyOrders';
        END;
        GO

        CREATE FUNCTION [Website].[CalculateCustomerPrice] (@CustomerID INT, @StockItemID INT, @PricingDate DATE)
        RETURNS DECIMAL(18, 2)
        WITH EXECUTE AS OWNER
        AS
        BEGIN
            DECLARE @CalculatedPrice DECIMAL(18, 2);
            SELECT @CalculatedPrice = si.[UnitPrice] FROM [Warehouse].[StockItems] AS si WHERE si.[StockItemID] = @StockItemID;
            RETURN @CalculatedPrice;
        END;
        GO

        USE $(ReportDb);
        GO

        CREATE VIEW rpt.vDailyOrders
        AS
        SELECT [OrderDate], [CustomerID], [OrderCount] FROM [rpt].[DailyOrders];
        GO
        """;

    private readonly TempFolder temp = new();

    private static SqlSettings Settings => new()
    {
        Paths = ["etl/**/*.sql"],
        Dialect = SqlDialect.TSql,
        DefaultDatabase = "WideWorldImporters",
    };

    [Fact]
    public async Task ProceduresViewsFunctionsAndTheTablesTheyWriteMapWithVariablesResolved()
    {
        temp.Write("etl/load_daily_orders.sql", LoadProcedure);

        var mapping = await MapAsync([new ChangedFile("etl/load_daily_orders.sql", ChangeStatus.Modified)], new Dictionary<string, string> { ["ReportDb"] = "WWI_Reporting" });

        Assert.Empty(mapping.Diagnostics);
        Assert.Equal(
            [
                "WideWorldImporters.Integration.LoadDailyOrders (CREATE PROCEDURE) line 2",
                "WWI_Reporting.rpt.DailyOrders (DELETE, INSERT) line 9",
                "WideWorldImporters.Integration.LoadControl (UPDATE) line 17",
                "WideWorldImporters.Website.CalculateCustomerPrice (CREATE FUNCTION) line 23",
                "WWI_Reporting.rpt.vDailyOrders (CREATE VIEW) line 37",
            ],
            mapping.Models.Select(m => $"{m.Table} ({m.Reason.Split(" in ")[0]}) line {m.Line}"));
    }

    [Fact]
    public async Task AVariableWithoutAValueIsDC5006AtItsPlaceAndItsStatementsMapToNothing()
    {
        temp.Write("etl/load_daily_orders.sql", LoadProcedure);

        var mapping = await MapAsync([new ChangedFile("etl/load_daily_orders.sql", ChangeStatus.Modified)]);

        Assert.Equal(
            ["WideWorldImporters.Integration.LoadDailyOrders", "WideWorldImporters.Integration.LoadControl", "WideWorldImporters.Website.CalculateCustomerPrice"],
            mapping.Models.Select(m => m.Table!.ToString()));
        Assert.All(mapping.Diagnostics, d => Assert.Equal(("DC5006", Severity.Warning), (d.Code, d.Severity)));
        Assert.Equal(
            [("etl/load_daily_orders.sql", 9, 17), ("etl/load_daily_orders.sql", 11, 17), ("etl/load_daily_orders.sql", 34, 5)],
            mapping.Diagnostics.Select(d => (d.Location!.File, d.Location.Line, d.Location.Column)));
        Assert.Contains("--sqlcmd-var ReportDb=VALUE", mapping.Diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASetvarInTheScriptGivesTheVariableItsValue()
    {
        temp.Write("etl/report.sql", ":setvar ReportDb \"WWI Reporting\"\n:on error exit\nCREATE TABLE [$(ReportDb)].[rpt].[Targets] ([Month] DATE NOT NULL, [Target] DECIMAL(18, 2) NOT NULL);\n");

        var mapping = await MapAsync([new ChangedFile("etl/report.sql", ChangeStatus.Added)], new Dictionary<string, string> { ["ReportDb"] = "ignored" });

        var model = Assert.Single(mapping.Models);
        Assert.Equal(new TableName("WWI Reporting", "rpt", "Targets"), model.Table);
        Assert.Equal(3, model.Line);
    }

    [Fact]
    public async Task ASyntaxErrorIsDC5106AtFileLineAndColumnAndStopsTheRun()
    {
        temp.Write("etl/bad.sql", "CREATE TABLE [Sales].[Refunds] (\n    [RefundID] INT NOT NULL,\n    [Amount] DECIMAL(18, 2) NOT NULL,,\n);\n");

        var error = await Assert.ThrowsAsync<InputException>(() => MapAsync([new ChangedFile("etl/bad.sql", ChangeStatus.Added)]));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(("DC5106", Severity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(new SourceLocation("etl/bad.sql", 3, 38), diagnostic.Location);
        Assert.StartsWith("etl/bad.sql: Incorrect syntax near ','", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASyntaxErrorInTheBaseOfADeletedFileIsAWarningAboutTheBase()
    {
        var baseContent = new Dictionary<string, string> { ["etl/old.sql"] = "CREATE TABLE [Sales].[Old] ([ID] INT NOT NULL\nGO\nINSERT INTO [Sales].[Archive] SELECT 1;\n" };

        var mapping = await MapAsync([new ChangedFile("etl/old.sql", ChangeStatus.Deleted)], baseContent: new FixedBaseContent(baseContent));

        Assert.Empty(mapping.Models);
        Assert.Equal(["etl/old.sql"], mapping.UnmappedFiles);
        var warning = Assert.Single(mapping.Diagnostics, d => d.Code == "DC5106");
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith("(git base) etl/old.sql:", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, warning.Location!.Line);
    }

    [Fact]
    public void ByteOrderMarksCrLfAndUnicodeNamesKeepTheirPlaces()
    {
        var sql = "SET ANSI_NULLS ON\r\nGO\r\n\r\nCREATE TABLE [Purchasing].[Lieferanten_Ü] (\r\n    [ID] INT NOT NULL\r\n);\r\nGO\r\n";

        var result = SqlTargetExtractor.Analyze(sql, SqlDialect.TSql, "etl/x.sql");

        var target = Assert.Single(result.Targets);
        Assert.Equal(("Purchasing", "Lieferanten_Ü", 4, 1), (target.Table.Schema, target.Table.Name, target.Line, target.Column));
    }

    public void Dispose() => temp.Dispose();

    private Task<ModelMapping> MapAsync(IReadOnlyList<ChangedFile> changes, IReadOnlyDictionary<string, string>? variables = null, IBaseContentReader? baseContent = null) =>
        SqlModelMapper.MapAsync(
            new SqlMapRequest(temp.Path, temp.Path, Settings, changes, baseContent ?? NoBaseContent.Instance) { SqlCmdVariables = variables ?? new Dictionary<string, string>() },
            TestContext.Current.CancellationToken);

    private sealed class FixedBaseContent(Dictionary<string, string> files) : IBaseContentReader
    {
        public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
            Task.FromResult(files.GetValueOrDefault(workspaceRelativePath));
    }
}
