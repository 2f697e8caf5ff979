using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Sql;

namespace DataContracts.Tests.Models.Sql;

public class SqlTargetExtractorTests
{
    /// <summary>dialect, SQL, expected targets as "Kind table" joined by " | " (empty: none).</summary>
    public static TheoryData<SqlDialect, string, string> Statements => new()
    {
        // CREATE forms
        { SqlDialect.Ansi, "CREATE TABLE orders (id int)", "CreateTable orders" },
        { SqlDialect.Snowflake, "create or replace table analytics.marts.orders as select 1 as id", "CreateTableAsSelect analytics.marts.orders" },
        { SqlDialect.Snowflake, "CREATE OR REPLACE TRANSIENT TABLE marts.orders (id int)", "CreateTable marts.orders" },
        { SqlDialect.Snowflake, "CREATE OR REPLACE SECURE VIEW marts.v_orders AS SELECT * FROM marts.orders", "CreateView marts.v_orders" },
        { SqlDialect.Snowflake, "CREATE OR REPLACE DYNAMIC TABLE marts.d TARGET_LAG = '1 hour' WAREHOUSE = wh AS SELECT 1", "CreateTableAsSelect marts.d" },
        { SqlDialect.Postgres, "CREATE TABLE IF NOT EXISTS public.orders (id int)", "CreateTable public.orders" },
        { SqlDialect.Postgres, "CREATE MATERIALIZED VIEW IF NOT EXISTS mart.daily AS SELECT 1", "CreateMaterializedView mart.daily" },
        { SqlDialect.Postgres, "CREATE UNLOGGED TABLE staging.raw (x text)", "CreateTable staging.raw" },
        { SqlDialect.Postgres, "CREATE TABLE t2 AS (SELECT * FROM t1)", "CreateTableAsSelect t2" },
        { SqlDialect.Postgres, "CREATE TABLE t3 AS WITH a AS (SELECT 1) SELECT * FROM a", "CreateTableAsSelect t3" },
        { SqlDialect.Redshift, "CREATE TABLE IF NOT EXISTS dw.public.sales (id int) DISTKEY(id)", "CreateTable dw.public.sales" },
        { SqlDialect.BigQuery, "CREATE OR REPLACE TABLE `my-project.mart.orders` AS SELECT 1 AS id", "CreateTableAsSelect my-project.mart.orders" },
        { SqlDialect.BigQuery, "CREATE TABLE my-project-42.mart.orders (id INT64)", "CreateTable my-project-42.mart.orders" },
        { SqlDialect.BigQuery, "CREATE TABLE `proj`.`mart`.`Orders` (id INT64)", "CreateTable proj.mart.Orders" },
        { SqlDialect.BigQuery, "CREATE MATERIALIZED VIEW mart.mv AS SELECT 1", "CreateMaterializedView mart.mv" },
        { SqlDialect.BigQuery, "CREATE TABLE FUNCTION mart.tvf(x INT64) AS SELECT x", "" },
        { SqlDialect.Databricks, "CREATE OR REPLACE TABLE main.sales.orders USING DELTA AS SELECT 1", "CreateTableAsSelect main.sales.orders" },
        { SqlDialect.Databricks, "CREATE TABLE IF NOT EXISTS `main`.`sales`.`odd.name` (id INT)", "CreateTable main.sales.odd.name" },
        { SqlDialect.Databricks, "CREATE STREAMING TABLE main.bronze.events AS SELECT * FROM STREAM(x)", "CreateTableAsSelect main.bronze.events" },
        { SqlDialect.TSql, "CREATE TABLE [dbo].[Order Lines] ([id] int)", "CreateTable dbo.Order Lines" },
        { SqlDialect.TSql, "CREATE OR ALTER VIEW dbo.vOrders AS SELECT 1 AS x", "CreateView dbo.vOrders" },
        { SqlDialect.TSql, "CREATE TABLE Sales.dbo.Orders (id int)", "CreateTable Sales.dbo.Orders" },
        { SqlDialect.TSql, "INSERT INTO LinkedSrv.Sales.dbo.Orders (id) VALUES (1)", "Insert Sales.dbo.Orders" },
        { SqlDialect.TSql, "CREATE TABLE \"dbo\".\"Quoted\" (id int)", "CreateTable dbo.Quoted" },
        { SqlDialect.TSql, "CREATE TABLE [we]]ird] (id int)", "CreateTable we]ird" },
        { SqlDialect.Ansi, "CREATE TABLE \"My \"\"Table\"\"\" (id int)", "CreateTable My \"Table\"" },
        { SqlDialect.Snowflake, "CREATE TABLE IDENTIFIER('ANALYTICS.MARTS.ORDERS') (id int)", "CreateTable ANALYTICS.MARTS.ORDERS" },
        { SqlDialect.Ansi, "CREATE SCHEMA marts; CREATE INDEX ix ON orders (id); CREATE FUNCTION f() RETURNS int", "" },

        // Temporary tables are not targets, nor later statements on them
        { SqlDialect.Snowflake, "CREATE TEMPORARY TABLE tmp AS SELECT 1; INSERT INTO tmp SELECT 2; INSERT INTO marts.orders SELECT * FROM tmp", "Insert marts.orders" },
        { SqlDialect.Snowflake, "CREATE OR REPLACE LOCAL TEMPORARY TABLE t1 (id int); DROP TABLE t1", "" },
        { SqlDialect.Postgres, "CREATE TEMP TABLE s AS SELECT 1; UPDATE s SET x = 1; DROP TABLE IF EXISTS s", "" },
        { SqlDialect.Postgres, "CREATE GLOBAL TEMPORARY TABLE g (id int)", "" },
        { SqlDialect.BigQuery, "CREATE TEMP TABLE stage AS SELECT 1; MERGE mart.orders USING stage ON TRUE WHEN MATCHED THEN DELETE", "Merge mart.orders" },
        { SqlDialect.TSql, "CREATE TABLE #stage (id int); INSERT INTO #stage VALUES (1); SELECT * INTO ##g FROM #stage; DROP TABLE #stage", "" },
        { SqlDialect.TSql, "DECLARE @t TABLE (id int); INSERT INTO @t VALUES (1)", "" },
        { SqlDialect.Postgres, "SELECT * INTO TEMP TABLE tmp FROM a; INSERT INTO tmp SELECT 1", "" },

        // ALTER, DROP, TRUNCATE
        { SqlDialect.Postgres, "ALTER TABLE IF EXISTS ONLY public.orders ADD COLUMN x int", "AlterTable public.orders" },
        { SqlDialect.Postgres, "ALTER TABLE orders DROP COLUMN x; ALTER TABLE orders ALTER COLUMN y TYPE text", "AlterTable orders | AlterTable orders" },
        { SqlDialect.Snowflake, "ALTER VIEW marts.v RENAME TO marts.v2", "AlterView marts.v" },
        { SqlDialect.Snowflake, "ALTER TABLE marts.a SWAP WITH marts.b", "AlterTable marts.a | AlterTable marts.b" },
        { SqlDialect.Ansi, "DROP TABLE IF EXISTS a.b.c CASCADE", "DropTable a.b.c" },
        { SqlDialect.Postgres, "DROP TABLE x, y.z", "DropTable x | DropTable y.z" },
        { SqlDialect.Postgres, "DROP MATERIALIZED VIEW IF EXISTS m; DROP VIEW v", "DropView m | DropView v" },
        { SqlDialect.Ansi, "DROP SCHEMA s; DROP FUNCTION f", "" },
        { SqlDialect.Snowflake, "TRUNCATE TABLE IF EXISTS marts.orders", "Truncate marts.orders" },
        { SqlDialect.Postgres, "TRUNCATE ONLY a, b", "Truncate a | Truncate b" },

        // DML
        { SqlDialect.Ansi, "INSERT INTO sales.orders (id) VALUES (1)", "Insert sales.orders" },
        { SqlDialect.Databricks, "INSERT OVERWRITE TABLE main.s.t SELECT * FROM x", "Insert main.s.t" },
        { SqlDialect.Databricks, "INSERT OVERWRITE DIRECTORY '/tmp/out' SELECT 1", "" },
        { SqlDialect.Snowflake, "INSERT OVERWRITE INTO marts.orders SELECT 1", "Insert marts.orders" },
        { SqlDialect.Snowflake, "INSERT ALL INTO t1 VALUES (a) INTO s.t2 (c) VALUES (b) SELECT a, b FROM src", "Insert t1 | Insert s.t2" },
        { SqlDialect.BigQuery, "INSERT mart.orders (id) VALUES (1)", "Insert mart.orders" },
        { SqlDialect.TSql, "INSERT TOP (10) INTO dbo.t SELECT * FROM s", "Insert dbo.t" },
        { SqlDialect.TSql, "INSERT dbo.t EXEC dbo.load", "Insert dbo.t" },
        { SqlDialect.Postgres, "WITH a AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM a", "Insert t" },
        { SqlDialect.Postgres, "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 1", "Insert t" },
        { SqlDialect.Snowflake, "MERGE INTO marts.orders o USING stage s ON o.id = s.id WHEN MATCHED THEN UPDATE SET o.x = s.x WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)", "Merge marts.orders" },
        { SqlDialect.TSql, "MERGE dbo.t AS tgt USING dbo.s AS src ON tgt.id = src.id WHEN NOT MATCHED BY SOURCE THEN DELETE;", "Merge dbo.t" },
        { SqlDialect.Postgres, "UPDATE ONLY public.orders SET status = 'x' WHERE id = 1", "Update public.orders" },
        { SqlDialect.TSql, "UPDATE TOP (5) dbo.orders WITH (ROWLOCK) SET x = 1", "Update dbo.orders" },
        { SqlDialect.TSql, "UPDATE o SET o.x = 1 FROM dbo.orders AS o JOIN dbo.s s ON s.id = o.id", "Update dbo.orders" },
        { SqlDialect.TSql, "DELETE o FROM dbo.orders o WHERE o.id = 1", "Delete dbo.orders" },
        { SqlDialect.Ansi, "DELETE FROM sales.orders WHERE id = 1", "Delete sales.orders" },
        { SqlDialect.BigQuery, "DELETE mart.orders WHERE TRUE", "Delete mart.orders" },
        { SqlDialect.Databricks, "REPLACE INTO main.s.t SELECT 1", "Replace main.s.t" },
        { SqlDialect.TSql, "SELECT a, b INTO dbo.snapshot FROM dbo.orders", "SelectInto dbo.snapshot" },
        { SqlDialect.Postgres, "SELECT * INTO archive.orders_2020 FROM orders", "SelectInto archive.orders_2020" },
        { SqlDialect.Snowflake, "SELECT * INTO x FROM y", "" },
        { SqlDialect.Snowflake, "COPY INTO raw.events FROM @stage/events/", "Copy raw.events" },
        { SqlDialect.Snowflake, "COPY INTO @stage/out FROM raw.events", "" },
        { SqlDialect.Postgres, "COPY raw.events (a, b) FROM STDIN; COPY raw.events TO STDOUT", "Copy raw.events" },

        // Words that look like statements but are clauses
        { SqlDialect.Postgres, "GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO analyst", "" },
        { SqlDialect.Postgres, "CREATE TRIGGER trg AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION f()", "" },
        { SqlDialect.Ansi, "CREATE TABLE a (id int REFERENCES b (id) ON DELETE CASCADE ON UPDATE SET NULL)", "CreateTable a" },
        { SqlDialect.Ansi, "SELECT replace(name, 'a', 'b') FROM t FOR UPDATE", "" },
        { SqlDialect.Ansi, "SELECT * FROM (SELECT 1) x UNION ALL SELECT 2", "" },

        { SqlDialect.TSql, "UPDATE STATISTICS dbo.t", "" },
        { SqlDialect.Ansi, "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) ON DELETE CASCADE", "AlterTable t" },
        { SqlDialect.TSql, "SELECT @x = MAX(id) FROM dbo.s\nUPDATE dbo.t SET a = @x", "Update dbo.t" },
        { SqlDialect.TSql, "CREATE TRIGGER trg ON dbo.t AFTER INSERT, UPDATE AS BEGIN INSERT INTO dbo.audit SELECT * FROM inserted END", "Insert dbo.audit" },
        { SqlDialect.Snowflake, "CREATE TASK t WAREHOUSE = wh SCHEDULE = '5 minute' AS INSERT INTO marts.x SELECT 1", "Insert marts.x" },
        { SqlDialect.Snowflake, "CREATE OR REPLACE TABLE marts.c CLONE marts.o", "CreateTable marts.c" },
        { SqlDialect.Snowflake, "EXPLAIN INSERT INTO t SELECT 1", "" },

        // Strings, comments and subqueries containing DDL
        { SqlDialect.Ansi, "SELECT 'CREATE TABLE nope (id int)' AS s", "" },
        { SqlDialect.Ansi, "SELECT 'it''s; CREATE TABLE nope (x int)' AS s", "" },
        { SqlDialect.Ansi, "-- CREATE TABLE nope (id int)\nSELECT 1", "" },
        { SqlDialect.Ansi, "/* CREATE TABLE nope; */ CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.Postgres, "/* outer /* inner */ CREATE TABLE nope (id int); */ CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.Snowflake, "/* a /* b */ CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.Snowflake, "// CREATE TABLE nope\nCREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.BigQuery, "# CREATE TABLE nope\nCREATE TABLE yes (id INT64)", "CreateTable yes" },
        { SqlDialect.BigQuery, "SELECT \"CREATE TABLE nope\", '''\nDROP TABLE nope\n''', r'\\' AS x; CREATE TABLE yes (id INT64)", "CreateTable yes" },
        { SqlDialect.BigQuery, "SELECT 'a\\'; CREATE TABLE nope (x INT64)'", "" },
        { SqlDialect.Databricks, "SELECT \"CREATE TABLE nope\" AS s; CREATE TABLE yes (id INT)", "CreateTable yes" },
        { SqlDialect.Postgres, "SELECT E'it\\'s; DROP TABLE nope' AS s; DROP TABLE yes", "DropTable yes" },
        { SqlDialect.Postgres, "SELECT 'C:\\'; DROP TABLE yes", "DropTable yes" },
        { SqlDialect.Postgres, "DO $$ BEGIN CREATE TABLE nope (id int); END $$; CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.Postgres, "CREATE FUNCTION f() RETURNS void AS $body$ INSERT INTO nope VALUES (1); $body$ LANGUAGE sql", "" },
        { SqlDialect.Redshift, "CREATE PROCEDURE p() AS $$ BEGIN TRUNCATE nope; END; $$ LANGUAGE plpgsql", "" },
        { SqlDialect.Snowflake, "CREATE PROCEDURE p() RETURNS string LANGUAGE sql AS $$ DELETE FROM nope; $$; DELETE FROM yes", "Delete yes" },
        { SqlDialect.TSql, "SELECT N'CREATE TABLE nope (id int)'; EXEC('DROP TABLE nope')", "" },
        { SqlDialect.Ansi, "SELECT * FROM (SELECT 1 FROM t) x WHERE EXISTS (SELECT 1 FROM u)", "" },
        { SqlDialect.Postgres, "WITH d AS (DELETE FROM nope RETURNING *) SELECT * FROM d", "" },
        { SqlDialect.Ansi, "SELECT \"create table nope\" FROM t", "" },

        // Jinja / templating
        { SqlDialect.Snowflake, "{{ config(materialized='table') }}\nCREATE TABLE marts.orders AS SELECT 1", "CreateTableAsSelect marts.orders" },
        { SqlDialect.Postgres, "{% if target.name == 'prod' %}CREATE TABLE a (id int){% else %}CREATE TABLE b (id int){% endif %}", "CreateTable a | CreateTable b" },
        { SqlDialect.Ansi, "{# CREATE TABLE nope (id int) #} CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.Ansi, "{% raw %} CREATE TABLE nope (id int) {% endraw %} CREATE TABLE yes (id int)", "CreateTable yes" },
        { SqlDialect.BigQuery, "{# note #}\nCREATE TABLE yes (id INT64)", "CreateTable yes" },
        { SqlDialect.Ansi, "SELECT '{{' AS a; CREATE TABLE yes (id int)", "CreateTable yes" },

        // USE and search_path set the database/schema of later unqualified names
        { SqlDialect.TSql, "USE Sales\nGO\nCREATE TABLE dbo.orders (id int)\nGO\nUSE [Other]\nGO\nINSERT INTO t VALUES (1)\nINSERT INTO Third.dbo.t VALUES (1)", "CreateTable Sales.dbo.orders | Insert Other.t | Insert Third.dbo.t" },
        { SqlDialect.Snowflake, "USE ROLE sysadmin; USE WAREHOUSE wh; USE DATABASE raw; CREATE TABLE t (id int); USE SCHEMA analytics.marts; CREATE TABLE u (id int); CREATE TABLE s.v (id int)", "CreateTable raw.t | CreateTable analytics.marts.u | CreateTable analytics.s.v" },
        { SqlDialect.Databricks, "USE CATALOG main; USE SCHEMA sales; CREATE TABLE t (id INT)", "CreateTable main.sales.t" },
        { SqlDialect.Postgres, "SET search_path TO staging, public; CREATE TABLE t (id int); UPDATE t SET search_path = 1", "CreateTable staging.t | Update staging.t" },
        { SqlDialect.Redshift, "SET search_path = '$user', public; CREATE TABLE t (id int)", "CreateTable t" },

        // Multi-statement scripts and batches
        { SqlDialect.Ansi, "BEGIN; DROP TABLE IF EXISTS s.t; CREATE TABLE s.t (id int); INSERT INTO s.t VALUES (1); COMMIT;", "DropTable s.t | CreateTable s.t | Insert s.t" },
        { SqlDialect.TSql, "IF OBJECT_ID('dbo.t') IS NOT NULL\n    DROP TABLE dbo.t\nGO\nCREATE TABLE dbo.t (id int)\nINSERT INTO dbo.t VALUES (1)\nGO 2\n", "DropTable dbo.t | CreateTable dbo.t | Insert dbo.t" },
        { SqlDialect.TSql, "CREATE PROCEDURE dbo.load AS\nBEGIN\n  TRUNCATE TABLE dbo.facts\n  INSERT INTO dbo.facts SELECT * FROM dbo.stage\nEND\nGO", "CreateProcedure dbo.load | Truncate dbo.facts | Insert dbo.facts" },
        { SqlDialect.TSql, "CREATE TABLE [Sales]..[Orders] (id int)", "CreateTable Sales.Orders" },
        { SqlDialect.TSql, "WITH recent AS (SELECT * FROM dbo.orders WHERE d > '2024-01-01') UPDATE recent SET flag = 1", "" },
        { SqlDialect.TSql, "ALTER TABLE [Sales].[Orders] ALTER COLUMN [Comments] NVARCHAR(500) NULL;\nALTER TABLE [Sales].[Orders] ADD [Channel] NVARCHAR(20) NULL;", "AlterTable Sales.Orders | AlterTable Sales.Orders" },
        { SqlDialect.TSql, "ALTER PROCEDURE [Website].[SearchForPeople] @SearchText NVARCHAR(1000) AS SELECT 1;\nGO\nALTER FUNCTION dbo.f() RETURNS INT AS BEGIN RETURN 1 END", "AlterProcedure Website.SearchForPeople | AlterFunction dbo.f" },
        { SqlDialect.TSql, "CREATE OR ALTER FUNCTION [Application].[DetermineCustomerAccess](@CityID INT) RETURNS TABLE WITH SCHEMABINDING AS RETURN (SELECT 1 AS AccessResult)", "CreateFunction Application.DetermineCustomerAccess" },
        { SqlDialect.BigQuery, "BEGIN\n  IF TRUE THEN\n    CREATE OR REPLACE TABLE mart.a AS SELECT 1;\n  END IF;\nEND;", "CreateTableAsSelect mart.a" },
        { SqlDialect.Snowflake, "EXECUTE IMMEDIATE $$ BEGIN CREATE TABLE nope (id int); END; $$; CREATE TABLE yes (id int)", "CreateTable yes" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void ExtractsStatementTargets(SqlDialect dialect, string sql, string expected)
    {
        var targets = SqlTargetExtractor.Extract(sql, dialect);

        Assert.Equal(expected, string.Join(" | ", targets.Select(t => $"{t.Kind} {t.Table}")));
    }

    [Fact]
    public void NamePartsArePlacedAsDatabaseSchemaAndName()
    {
        var targets = SqlTargetExtractor.Extract("CREATE TABLE \"Db\".\"Sch\".\"MixedCase\" (id int); INSERT INTO sch2.t2 VALUES (1); DELETE FROM t3", SqlDialect.Postgres);

        Assert.Equal(new TableName("Db", "Sch", "MixedCase"), targets[0].Table);
        Assert.Equal("MixedCase", targets[0].Table.Name);
        Assert.Equal(new TableName(null, "sch2", "t2"), targets[1].Table);
        Assert.Null(targets[1].Table.Database);
        Assert.Equal(new TableName(null, null, "t3"), targets[2].Table);
    }

    [Fact]
    public void TargetsCarryTheLineAndColumnOfTheStatementKeyword()
    {
        var sql = "-- header\n\n  /* note */ CREATE TABLE a (id int);\nSELECT 1;\r\n\tINSERT INTO b VALUES (1);";

        var targets = SqlTargetExtractor.Extract(sql, SqlDialect.Ansi);

        Assert.Equal((3, 14), (targets[0].Line, targets[0].Column));
        Assert.Equal((5, 2), (targets[1].Line, targets[1].Column));
    }

    [Fact]
    public void TemplatedAndVariableNamesAreWarnedAboutWithTheirPosition()
    {
        var sql = "CREATE TABLE {{ target.schema }}.orders AS SELECT 1;\nINSERT INTO IDENTIFIER($tbl) SELECT 1;";

        var result = SqlTargetExtractor.Analyze(sql, SqlDialect.Snowflake, "warehouse/x.sql");

        Assert.Empty(result.Targets);
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("DC5006", d.Code));
        Assert.Equal(new SourceLocation("warehouse/x.sql", 1, 14), result.Diagnostics[0].Location);
        Assert.Contains("template", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Diagnostics[1].Location!.Line);
    }

    [Fact]
    public void UnterminatedStringIsAWarningAtItsStart()
    {
        var result = SqlTargetExtractor.Analyze("CREATE TABLE a (id int);\nSELECT 'oops;\nCREATE TABLE b (id int);", SqlDialect.Ansi, "w.sql");

        Assert.Equal(["a"], result.Targets.Select(t => t.Table.Name));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DC5005", warning.Code);
        Assert.Equal(new SourceLocation("w.sql", 2, 8), warning.Location);
    }

    [Fact]
    public void TooManyNamePartsIsAWarning()
    {
        var result = SqlTargetExtractor.Analyze("CREATE TABLE a.b.c.d (id int)", SqlDialect.Postgres, "w.sql");

        Assert.Empty(result.Targets);
        Assert.Equal("DC5006", Assert.Single(result.Diagnostics).Code);
    }
}
