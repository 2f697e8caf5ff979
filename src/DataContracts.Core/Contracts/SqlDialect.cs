namespace DataContracts.Contracts;

/// <summary>The SQL dialects the contract file can name under <c>sql.dialect</c>.</summary>
public enum SqlDialect
{
    Ansi,
    Postgres,
    Snowflake,
    BigQuery,
    TSql,
    Redshift,
    Databricks,
}
