using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

public class ContractFileReaderTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly string FullSample = Path.Combine(AppContext.BaseDirectory, "fixtures", "contracts", "valid", "full.yml");

    [Fact]
    public void FullFileFillsEveryField()
    {
        var file = ContractFileReader.Read(FullSample, Today);

        Assert.Equal(FullSample, file.Path);
        Assert.Equal(Path.GetDirectoryName(FullSample), file.Directory);
        Assert.Equal(1, file.Version);
        Assert.Empty(file.Diagnostics);

        Assert.Equal("https://eapi.secoda.co/api/v1/", file.Secoda.Url);
        Assert.Equal("ACME_SECODA_KEY", file.Secoda.TokenEnv);
        Assert.Equal("0b0d4419-6a2f-4c1e-9a57-3f2d8c1b7e11", file.Secoda.IntegrationId);
        Assert.Equal("catalog/secoda-snapshot.json", file.Secoda.Snapshot);
        Assert.Equal((8, 13), (file.Secoda.SnapshotLocation!.Line, file.Secoda.SnapshotLocation.Column));

        Assert.NotNull(file.Dbt);
        Assert.Equal("transform", file.Dbt.ProjectDir);
        Assert.Equal("transform/target/manifest.json", file.Dbt.Manifest);
        Assert.Equal((12, 13), (file.Dbt.ManifestLocation!.Line, file.Dbt.ManifestLocation.Column));
        Assert.Equal("transform/target/catalog.json", file.Dbt.Catalog);
        Assert.Equal("prod-artifacts/", file.Dbt.State);
        Assert.Equal((14, 10), (file.Dbt.StateLocation!.Line, file.Dbt.StateLocation.Column));
        Assert.Equal("PROD_DBT_TOKEN", file.Dbt.StateTokenEnv);

        Assert.NotNull(file.Sql);
        Assert.Equal(["warehouse/**/*.sql", "legacy/*.sql"], file.Sql.Paths);
        Assert.Equal(SqlDialect.Snowflake, file.Sql.Dialect);
        Assert.Equal("ANALYTICS", file.Sql.DefaultDatabase);
        Assert.Equal("PUBLIC", file.Sql.DefaultSchema);

        Assert.NotNull(file.SqlProj);
        Assert.Equal(["database/Sales/Sales.sqlproj"], file.SqlProj.Projects);
        Assert.Equal("SalesDW", file.SqlProj.Database);
        Assert.Equal("Reporting", file.SqlProj.Variables["reportdb"]);

        Assert.Equal(ImpactAction.Warn, file.Policy.OnImpact);
        Assert.Equal(ImpactAction.Off, file.Policy.OnNonBreaking);
        Assert.Equal(UncontractedMode.Ignore, file.Policy.Uncontracted);
        Assert.Equal(4, file.Policy.MaxDepth);
        Assert.Equal(CatalogErrorMode.Warn, file.Policy.OnCatalogError);
        Assert.Equal(["*_scratch", "*.tmp_*"], file.Policy.Ignore);

        Assert.Equal(2, file.Contracts.Length);
        var orders = file.Contracts[0];
        Assert.Equal("orders", orders.Name);
        Assert.Equal(["models/marts/orders.sql", "models/marts/order_items.sql"], orders.Models);
        Assert.Equal([(32, 14), (32, 41)], orders.ModelLocations.Select(l => (l.Line, l.Column)));
        Assert.Equal("ANALYTICS.MARTS.ORDERS", orders.Table);
        Assert.Equal("907104ca-4609-4240-8e50-883c2773bec7", orders.SecodaId);
        Assert.Equal(ImpactAction.Fail, orders.OnImpact);
        Assert.Equal(ImpactAction.Warn, orders.OnNonBreaking);
        Assert.Equal(["@acme/finance-data"], orders.Owners);
        Assert.Equal((31, 5), (orders.Location.Line, orders.Location.Column));

        Assert.Equal(2, orders.Acknowledged.Length);
        var kpis = orders.Acknowledged[0];
        Assert.Equal("Finance KPIs", kpis.Resource);
        Assert.Equal("Dashboard is migrated in the same release", kpis.Reason);
        Assert.Equal(new DateOnly(2027, 1, 31), kpis.Expires);
        Assert.Equal((39, 9), (kpis.Location.Line, kpis.Location.Column));
        Assert.Null(orders.Acknowledged[1].Expires);

        var customers = file.Contracts[1];
        Assert.Equal(["customers", "models/staging/stg_customers.sql"], customers.Models);
        Assert.Equal([(46, 9), (47, 9)], customers.ModelLocations.Select(l => (l.Line, l.Column)));
        Assert.Equal(ImpactAction.Off, customers.OnImpact);
        Assert.Null(customers.Table);
        Assert.Empty(customers.Acknowledged);
    }

    [Fact]
    public void MinimalFileGetsTheDocumentedDefaults()
    {
        var file = ContractFileReader.Parse("version: 1\ncontracts:\n  - name: orders\n    models: [orders]\n", "datacontracts.yml", Today);

        Assert.Null(file.Secoda.Url);
        Assert.Equal("SECODA_API_TOKEN", file.Secoda.TokenEnv);
        Assert.Null(file.Secoda.IntegrationId);
        Assert.Null(file.Secoda.Snapshot);
        Assert.Null(file.Dbt);
        Assert.Null(file.Sql);
        Assert.Equal(ImpactAction.Fail, file.Policy.OnImpact);
        Assert.Equal(ImpactAction.Warn, file.Policy.OnNonBreaking);
        Assert.Equal(UncontractedMode.Warn, file.Policy.Uncontracted);
        Assert.Equal(10, file.Policy.MaxDepth);
        Assert.Equal(CatalogErrorMode.Fail, file.Policy.OnCatalogError);
        Assert.Empty(file.Policy.Ignore);
        Assert.Null(file.Contracts[0].OnImpact);
        Assert.Empty(file.Contracts[0].Owners);
    }

    [Fact]
    public void EmptySectionsMeanPresentWithDefaults()
    {
        var file = ContractFileReader.Parse("version: 1\nsecoda:\ndbt:\nsql:\npolicy:\n", "datacontracts.yml", Today);

        Assert.Equal("SECODA_API_TOKEN", file.Secoda.TokenEnv);
        Assert.Equal(".", file.Dbt?.ProjectDir);
        Assert.Equal(SqlDialect.Ansi, file.Sql?.Dialect);
        Assert.Equal(10, file.Policy.MaxDepth);
        Assert.Empty(file.Contracts);
    }

    [Theory]
    [InlineData("ansi", SqlDialect.Ansi)]
    [InlineData("postgres", SqlDialect.Postgres)]
    [InlineData("snowflake", SqlDialect.Snowflake)]
    [InlineData("bigquery", SqlDialect.BigQuery)]
    [InlineData("tsql", SqlDialect.TSql)]
    [InlineData("redshift", SqlDialect.Redshift)]
    [InlineData("databricks", SqlDialect.Databricks)]
    public void EveryDialectNameMapsToItsEnum(string name, SqlDialect expected)
    {
        var file = ContractFileReader.Parse($"version: 1\nsql:\n  dialect: {name}\n", "datacontracts.yml", Today);

        Assert.Equal(expected, file.Sql!.Dialect);
    }

    [Fact]
    public void SchemaCommentAndByteOrderMarkAreAccepted()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml",
            [0xEF, 0xBB, 0xBF, .. "# yaml-language-server: $schema=https://example.com/datacontracts.schema.json\nversion: 1\n"u8]);

        var file = ContractFileReader.Read(path, Today);

        Assert.Equal(1, file.Version);
    }

    [Fact]
    public void RelativePathIsShownAsGivenAndStoredAsFullPath()
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse("version: 3\n", "config/datacontracts.yml", Today));

        Assert.Equal("config/datacontracts.yml", error.Diagnostics[0].Location!.File);
        var file = ContractFileReader.Parse("version: 1\n", "config/datacontracts.yml", Today);
        Assert.Equal(Path.GetFullPath("config/datacontracts.yml"), file.Path);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void MaxDepthOutsideTheCliRangeIsAnError(string depth)
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Parse($"version: 1\npolicy:\n  max_depth: {depth}\n", "datacontracts.yml", Today));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Contains("from 1 to 1000", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Location!.Line);
    }

    [Fact]
    public void MaxDepthOneIsAllowed()
    {
        var file = ContractFileReader.Parse("version: 1\npolicy:\n  max_depth: 1\n", "datacontracts.yml", Today);

        Assert.Equal(1, file.Policy.MaxDepth);
    }

    [Theory]
    [InlineData("ORDERS")]
    [InlineData("MARTS.ORDERS")]
    [InlineData("ANALYTICS.MARTS.ORDERS")]
    [InlineData("ANALYTICS.\"odd.schema\".ORDERS")]
    [InlineData("`proj`.`data.set`.`orders`")]
    public void TableWithUpToThreePartsIsAccepted(string table)
    {
        var yaml = $"version: 1\ncontracts:\n  - name: a\n    models: [a]\n    table: '{table}'\n";

        var file = ContractFileReader.Parse(yaml, "datacontracts.yml", Today);

        Assert.Equal(table, file.Contracts[0].Table);
    }

    [Fact]
    public void SecodaIdThatIsNotAUuidIsAWarningNotAnError()
    {
        var yaml = "version: 1\ncontracts:\n  - name: a\n    models: [a]\n    secoda_id: table-42\n";

        var file = ContractFileReader.Parse(yaml, "datacontracts.yml", Today);

        var warning = Assert.Single(file.Diagnostics);
        Assert.Equal(("DC2026", Severity.Warning, 5, 16), (warning.Code, warning.Severity, warning.Location!.Line, warning.Location.Column));
        Assert.Equal("table-42", file.Contracts[0].SecodaId);
    }

    [Fact]
    public void AnchorsAndAliasesAreFollowed()
    {
        var yaml = "version: 1\ncontracts:\n  - name: a\n    models: &shared [\"models/a.sql\"]\n  - name: b\n    models: *shared\n";

        var file = ContractFileReader.Parse(yaml, "datacontracts.yml", Today);

        Assert.Equal(["models/a.sql"], file.Contracts[1].Models);
    }
}
