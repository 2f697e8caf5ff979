using DataContracts.Classification;
using DataContracts.Contracts;

namespace DataContracts.Tests.Classification;

/// <summary>The final select list through the SQL tokenizer: names it is sure of, nothing it has to guess.</summary>
public class SelectListTests
{
    [Theory]
    [InlineData("select id, o.status, cast(amount as int) as amount, upper(x) y from t", "id,status,amount,y")]
    [InlineData("with a as (select 1 as z from t) select a.z, \"Mixed Case\" from a", "z,Mixed Case")]
    [InlineData("select id from a union all select id from b", "id")]
    [InlineData("select {{ dbt.date_trunc('day', 'ts') }} as day, id from {{ ref('x') }}", "day,id")]
    [InlineData("select distinct id, case when a then 1 else 0 end flag from t -- trailing\n", "id,flag")]
    public void ReadsTheNamesOfTheFinalSelect(string sql, string expected)
    {
        var set = SelectList.Read(sql, SqlDialect.Postgres);

        Assert.NotNull(set);
        Assert.Equal(expected.Split(','), set.Columns.Select(c => c.Name));
        Assert.Equal(Evidence.Sql, set.Source);
    }

    [Theory]
    [InlineData("select * from t")]
    [InlineData("select a.*, b.id from a join b on a.id = b.id")]
    [InlineData("select count(*) from t")]
    [InlineData("select {{ dbt_utils.star(ref('x')) }} from t")]
    [InlineData("select id, {% if var('x') %} extra, {% endif %} name from t")]
    [InlineData("select id, id from t")]
    [InlineData("not sql at all (")]
    public void RefusesWhatItCannotBeSureOf(string sql)
    {
        Assert.Null(SelectList.Read(sql, SqlDialect.Postgres));
    }

    [Fact]
    public void ClauseDiffNamesTheClausesThatChanged()
    {
        Assert.Null(ClauseDiff.Changed("select a from t", "SELECT a\nFROM t -- note", SqlDialect.Ansi));
        Assert.Equal(["where"], ClauseDiff.Changed("select a from t", "select a from t where a > 1", SqlDialect.Ansi));
        Assert.Contains("join", ClauseDiff.Changed("select a from t join u on t.id = u.id", "select a from t join v on t.id = v.id", SqlDialect.Ansi)!);
    }
}
