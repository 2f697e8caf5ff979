using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Models.Dbt;

public sealed class JinjaConfigParserTests
{
    [Fact]
    public void Reads_literal_keyword_arguments_and_drops_expressions()
    {
        var result = JinjaConfigParser.Parse("{{- config(materialized='incremental', unique_key=['a','b'], alias=\"x\" ~ var('y'), schema='s', enabled=True, partition_by={'field': 'd'}) -}}\nselect 1");
        Assert.Equal("incremental", result.Config["materialized"]);
        Assert.Equal("s", result.Config["schema"]);
        Assert.Equal("true", result.Config["enabled"]);
        Assert.StartsWith("{{", result.Config["alias"], StringComparison.Ordinal);
        Assert.Equal("{{ ['a','b'] }}", result.Config["unique_key"]);
    }

    [Fact]
    public void Ignores_commented_out_config_and_reads_python_dbt_config()
    {
        Assert.Empty(JinjaConfigParser.Parse("{# {{ config(alias='no') }} #} select 1").Config);
        Assert.Equal("table", JinjaConfigParser.Parse("def model(dbt, session):\n    dbt.config(materialized=\"table\")\n").Config["materialized"]);
        Assert.Empty(JinjaConfigParser.Parse("select my_config(alias='no')").Config);
    }

    [Fact]
    public void Finds_every_snapshot_block()
    {
        var result = JinjaConfigParser.Parse("{% snapshot orders_snapshot %}\n{{ config(target_schema='snapshots') }}\nselect 1\n{% endsnapshot %}\n{%- snapshot second -%} select 2 {% endsnapshot %}");
        Assert.Equal(["orders_snapshot", "second"], result.SnapshotNames);
        Assert.Equal("snapshots", result.Config["target_schema"]);
    }

    [Fact]
    public void Unbalanced_input_terminates()
    {
        var text = "{{ config(alias='a', x=(((((" + new string('(', 10_000);
        Assert.Equal("a", JinjaConfigParser.Parse(text).Config["alias"]);
        Assert.StartsWith("{{", JinjaConfigParser.Parse("{{ config(alias='unterminated").Config["alias"], StringComparison.Ordinal);
    }
}
