using System.Text;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Sql;

namespace DataContracts.Tests.Models.Sql;

public sealed class SqlModelMapperTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dc-sql-" + Guid.NewGuid().ToString("N"));
    private readonly string _contractDir;

    public SqlModelMapperTests()
    {
        _contractDir = Path.Combine(_root, "analytics");
        Directory.CreateDirectory(_contractDir);
    }

    private static SqlSettings Settings(SqlDialect dialect = SqlDialect.Snowflake) => new()
    {
        Paths = ["warehouse/**/*.sql", "!warehouse/scratch/**"],
        Dialect = dialect,
        DefaultDatabase = "ANALYTICS",
        DefaultSchema = "PUBLIC",
    };

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void Write(string workspacePath, string text) => WriteBytes(workspacePath, Encoding.UTF8.GetBytes(text));

    private void WriteBytes(string workspacePath, byte[] bytes)
    {
        var full = Path.Combine(_root, workspacePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    private Task<ModelMapping> MapAsync(IReadOnlyList<ChangedFile> changes, IBaseContentReader? baseContent = null, SqlSettings? settings = null) =>
        SqlModelMapper.MapAsync(
            new SqlMapRequest(_root, _contractDir, settings ?? Settings(), changes, baseContent ?? NoBaseContent.Instance),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task MapsChangedFilesMatchingTheGlobsToQualifiedTables()
    {
        Write("analytics/warehouse/orders.sql", "-- orders\nCREATE OR REPLACE TABLE orders AS SELECT 1 AS id;\n\nINSERT INTO orders SELECT 2;\n");
        Write("analytics/warehouse/marts/customers.sql", "{{ config(x=1) }}\n\ncreate table marts.\"Customers\" (id int);\ncreate table RAW.EVENTS.clicks (id int);");
        Write("analytics/warehouse/scratch/tmp.sql", "CREATE TABLE scratch_only (id int);");
        Write("other/warehouse/elsewhere.sql", "CREATE TABLE elsewhere (id int);");
        Write("analytics/warehouse/notes.txt", "CREATE TABLE not_sql (id int);");

        var mapping = await MapAsync(
        [
            new ChangedFile("analytics/warehouse/orders.sql", ChangeStatus.Modified),
            new ChangedFile("analytics/warehouse/marts/customers.sql", ChangeStatus.Added),
            new ChangedFile("analytics/warehouse/scratch/tmp.sql", ChangeStatus.Modified),
            new ChangedFile("other/warehouse/elsewhere.sql", ChangeStatus.Modified),
            new ChangedFile("analytics/warehouse/notes.txt", ChangeStatus.Modified),
        ]);

        Assert.Equal(
            ["ANALYTICS.PUBLIC.orders", "ANALYTICS.marts.Customers", "RAW.EVENTS.clicks"],
            mapping.Models.Select(m => m.Table!.ToString()));
        var orders = mapping.Models[0];
        Assert.Equal(MappingKind.Sql, orders.Kind);
        Assert.Equal("analytics/warehouse/orders.sql", orders.File);
        Assert.Equal("sql:analytics/warehouse/orders.sql:ANALYTICS.PUBLIC.orders", orders.Id);
        Assert.Equal("orders", orders.Name);
        Assert.Equal(2, orders.Line);
        Assert.Equal(ChangeStatus.Modified, orders.Status);
        Assert.Equal("CREATE TABLE AS SELECT, INSERT in analytics/warehouse/orders.sql", orders.Reason);
        Assert.Equal(3, mapping.Models[1].Line);
        Assert.Equal(ChangeStatus.Added, mapping.Models[1].Status);
        Assert.Empty(mapping.UnmappedFiles);
        Assert.Empty(mapping.Diagnostics);
    }

    [Fact]
    public async Task DeletedAndRenamedFilesAreReadFromTheBase()
    {
        Write("analytics/warehouse/renamed.sql", "CREATE TABLE marts.kept (id int);");
        var baseContent = new DictionaryBaseContent(new()
        {
            ["analytics/warehouse/gone.sql"] = "DROP TABLE IF EXISTS marts.legacy;\nCREATE TABLE marts.legacy (id int);",
            ["analytics/warehouse/original.sql"] = "CREATE TABLE marts.kept (id int);\nCREATE TABLE marts.split_off (id int);",
        });

        var mapping = await MapAsync(
        [
            new ChangedFile("analytics/warehouse/gone.sql", ChangeStatus.Deleted),
            new ChangedFile("analytics/warehouse/renamed.sql", ChangeStatus.Renamed, "analytics/warehouse/original.sql"),
        ], baseContent);

        Assert.Equal(["analytics/warehouse/gone.sql", "analytics/warehouse/original.sql"], baseContent.Requested);
        Assert.Equal(
            ["ANALYTICS.marts.legacy", "ANALYTICS.marts.kept", "ANALYTICS.marts.split_off"],
            mapping.Models.Select(m => m.Table!.ToString()));
        Assert.Equal("DROP TABLE, CREATE TABLE in analytics/warehouse/gone.sql (file deleted)", mapping.Models[0].Reason);
        Assert.Equal(ChangeStatus.Deleted, mapping.Models[0].Status);
        Assert.Equal("sql:analytics/warehouse/renamed.sql:ANALYTICS.marts.kept", mapping.Models[1].Id);
        var splitOff = mapping.Models[2];
        Assert.Equal("analytics/warehouse/renamed.sql", splitOff.File);
        Assert.Equal("analytics/warehouse/original.sql", splitOff.ModelFile);
        Assert.Equal("sql:analytics/warehouse/original.sql:ANALYTICS.marts.split_off", splitOff.Id);
        Assert.Contains("before the rename to analytics/warehouse/renamed.sql", splitOff.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedFileWithoutABaseIsUnmappedWithAWarning()
    {
        var mapping = await MapAsync([new ChangedFile("analytics/warehouse/gone.sql", ChangeStatus.Deleted)]);

        Assert.Empty(mapping.Models);
        Assert.Equal(["analytics/warehouse/gone.sql"], mapping.UnmappedFiles);
        var warning = Assert.Single(mapping.Diagnostics);
        Assert.Equal("DC5007", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("analytics/warehouse/gone.sql", warning.Location!.File);
    }

    [Fact]
    public async Task FileWithoutTargetsIsUnmappedWithAWarning()
    {
        Write("analytics/warehouse/report.sql", "SELECT 'CREATE TABLE x (id int)' AS s; -- CREATE TABLE y\n");

        var mapping = await MapAsync([new ChangedFile("analytics/warehouse/report.sql", ChangeStatus.Modified)]);

        Assert.Empty(mapping.Models);
        Assert.Equal(["analytics/warehouse/report.sql"], mapping.UnmappedFiles);
        Assert.Equal("DC5004", Assert.Single(mapping.Diagnostics).Code);
    }

    [Fact]
    public async Task ExtractionWarningsNameTheFileLineAndColumn()
    {
        Write("analytics/warehouse/broken.sql", "CREATE TABLE a (id int);\nSELECT 'never closed;\nCREATE TABLE b (id int);");

        var mapping = await MapAsync([new ChangedFile("analytics/warehouse/broken.sql", ChangeStatus.Modified)]);

        Assert.Equal(["ANALYTICS.PUBLIC.a"], mapping.Models.Select(m => m.Table!.ToString()));
        var warning = Assert.Single(mapping.Diagnostics);
        Assert.Equal("DC5005", warning.Code);
        Assert.Equal(new SourceLocation("analytics/warehouse/broken.sql", 2, 8), warning.Location);
    }

    [Fact]
    public async Task BinaryFolderAndMissingFilesAreInputErrorsNamingEveryPath()
    {
        WriteBytes("analytics/warehouse/binary.sql", [0x43, 0x52, 0x00, 0x01, 0xFF]);
        WriteBytes("analytics/warehouse/latin1.sql", [0x43, 0x52, 0x45, 0xE9, 0x41]);
        Directory.CreateDirectory(Path.Combine(_root, "analytics/warehouse/folder.sql"));
        Write("analytics/warehouse/fine.sql", "CREATE TABLE fine (id int);");

        var error = await Assert.ThrowsAsync<InputException>(() => MapAsync(
        [
            new ChangedFile("analytics/warehouse/binary.sql", ChangeStatus.Added),
            new ChangedFile("analytics/warehouse/latin1.sql", ChangeStatus.Modified),
            new ChangedFile("analytics/warehouse/folder.sql", ChangeStatus.Added),
            new ChangedFile("analytics/warehouse/missing.sql", ChangeStatus.Modified),
            new ChangedFile("analytics/warehouse/fine.sql", ChangeStatus.Modified),
        ]));

        Assert.Equal(
            [
                ("DC5003", "analytics/warehouse/binary.sql"),
                ("DC5003", "analytics/warehouse/latin1.sql"),
                ("DC5002", "analytics/warehouse/folder.sql"),
                ("DC5001", "analytics/warehouse/missing.sql"),
            ],
            error.Diagnostics.Select(d => (d.Code, d.Location!.File)));
        Assert.All(error.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
        Assert.All(error.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Hint)));
        Assert.Contains("analytics/warehouse/binary.sql", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryTextFromTheBaseIsAnInputError()
    {
        var baseContent = new DictionaryBaseContent(new() { ["analytics/warehouse/old.sql"] = "CREATE\0TABLE" });

        var error = await Assert.ThrowsAsync<InputException>(() =>
            MapAsync([new ChangedFile("analytics/warehouse/old.sql", ChangeStatus.Deleted)], baseContent));

        Assert.Equal("DC5003", Assert.Single(error.Diagnostics).Code);
    }

    [Fact]
    public async Task Utf16AndBomPrefixedFilesAreRead()
    {
        WriteBytes("analytics/warehouse/ssms.sql", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("CREATE TABLE [dbo].[Ünits] (id int)\r\nGO\r\n")]);
        WriteBytes("analytics/warehouse/bom.sql", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("CREATE TABLE dbo.bom (id int)")]);

        var mapping = await MapAsync(
        [
            new ChangedFile("analytics/warehouse/ssms.sql", ChangeStatus.Added),
            new ChangedFile("analytics/warehouse/bom.sql", ChangeStatus.Added),
        ], settings: Settings(SqlDialect.TSql));

        Assert.Equal(["ANALYTICS.dbo.Ünits", "ANALYTICS.dbo.bom"], mapping.Models.Select(m => m.Table!.ToString()));
        Assert.Equal(1, mapping.Models[1].Line);
    }

    [Fact]
    public void IsSqlModelPathUsesGlobsRelativeToTheContractFolder()
    {
        var settings = Settings();

        Assert.True(SqlModelMapper.IsSqlModelPath(_root, _contractDir, settings, "analytics/warehouse/a.sql"));
        Assert.True(SqlModelMapper.IsSqlModelPath(_root, _contractDir, settings, "analytics/warehouse/deep/er/b.SQL"));
        Assert.False(SqlModelMapper.IsSqlModelPath(_root, _contractDir, settings, "analytics/warehouse/scratch/c.sql"));
        Assert.False(SqlModelMapper.IsSqlModelPath(_root, _contractDir, settings, "warehouse/a.sql"));
        Assert.False(SqlModelMapper.IsSqlModelPath(_root, _contractDir, settings, "analytics/models/a.sql"));
        Assert.False(SqlModelMapper.IsSqlModelPath(_root, _contractDir, new SqlSettings(), "analytics/warehouse/a.sql"));
    }

    [Fact]
    public async Task CancellationIsHonoured()
    {
        Write("analytics/warehouse/a.sql", "CREATE TABLE a (id int)");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SqlModelMapper.MapAsync(
            new SqlMapRequest(_root, _contractDir, Settings(), [new ChangedFile("analytics/warehouse/a.sql", ChangeStatus.Added)], NoBaseContent.Instance),
            cts.Token));
    }

    private sealed class DictionaryBaseContent(Dictionary<string, string> files) : IBaseContentReader
    {
        public List<string> Requested { get; } = [];

        public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken)
        {
            Requested.Add(workspaceRelativePath);
            return Task.FromResult(files.TryGetValue(workspaceRelativePath, out var text) ? text : null);
        }
    }
}
