using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Classification;

/// <summary>Logic changes name what changed: the output columns whose expressions changed, the clause, a cast that changes nothing.</summary>
public class LogicReasonTests
{
    private static NodeFacts Node(string sql) => new()
    {
        UniqueId = "model.shop.orders",
        ResourceType = "model",
        Relation = new TableName("analytics", "marts", "orders"),
        Materialized = "table",
        CompiledCode = sql,
        RawCode = sql,
    };

    private static ColumnSet Catalog(params (string Name, string Type)[] columns) =>
        new() { Source = Evidence.Catalog, Columns = [.. columns.Select(c => new ColumnFact(c.Name, c.Type))] };

    private static readonly ColumnSet Columns = Catalog(("id", "integer"), ("status", "text"), ("amount", "numeric(10,2)"));

    private static ChangeClassification Classify(string before, string after, ColumnSet? columns = null) =>
        ChangeClassifier.Classify(new ClassificationInput
        {
            Base = Node(before),
            Head = Node(after),
            HasBase = true,
            SameTarget = true,
            BaseColumns = [columns ?? Columns],
            HeadColumns = [columns ?? Columns],
        }, SqlDialect.Postgres);

    private const string Base = """
        with source as (select * from raw.orders),
        renamed as (
            select id, lower(status) as status, amount
            from source
        )
        select * from renamed
        """;

    [Fact]
    public void AnOutputColumnWhoseExpressionChangedIsNamedAndIsTheOnlyValueColumn()
    {
        var result = Classify(Base, Base.Replace("lower(status)", "upper(status)", StringComparison.Ordinal));

        Assert.Equal(ChangeKind.Logic, result.Kind);
        Assert.Equal(["values of column status may change: its expression changed (in CTE renamed): lower ( status ) → upper ( status )"], result.Reasons.Select(r => r.Text));
        Assert.Equal(["status"], result.ValueColumns!.Value);
    }

    [Fact]
    public void AFilterIsNamedAsTheClauseAndEveryColumnMayChange()
    {
        var result = Classify(Base, Base.Replace("from source\n", "from source\n    where amount > 0\n", StringComparison.Ordinal));

        Assert.Equal(ChangeKind.Logic, result.Kind);
        Assert.Equal(["rows or values may change: where changed"], result.Reasons.Select(r => r.Text));
        Assert.Null(result.ValueColumns);
    }

    [Fact]
    public void AChangedColumnThatAnotherColumnReadsLeavesTheValueColumnsUnknown()
    {
        var before = "select id, amount, amount * 2 as doubled from (select id, amount from raw.orders) as o";
        var after = "select id, amount, amount * 2 as doubled from (select id, round(amount) as amount from raw.orders) as o";

        var result = Classify(before, after, Catalog(("id", "integer"), ("amount", "numeric"), ("doubled", "numeric")));

        Assert.Equal(ChangeKind.Logic, result.Kind);
        Assert.Contains(result.Reasons, r => r.Text.StartsWith("values of column amount may change", StringComparison.Ordinal));
        Assert.Null(result.ValueColumns);
    }

    [Fact]
    public void AGroupByAndAJoinAreNamed()
    {
        var before = "select o.id, count(*) as n from orders o group by o.id";
        var after = "select o.id, count(*) as n from orders o join customers c on c.id = o.customer_id group by o.id, c.id";

        var result = Classify(before, after, Catalog(("id", "integer"), ("n", "bigint")));

        var reason = Assert.Single(result.Reasons.Select(r => r.Text));
        Assert.Contains("join", reason, StringComparison.Ordinal);
        Assert.Contains("group by", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACastToTheTypeTheColumnAlreadyHasIsCosmeticAndNamesTheColumn()
    {
        var result = Classify(Base, Base.Replace("lower(status) as status", "cast(lower(status) as TEXT) as status", StringComparison.Ordinal));

        Assert.Equal(ChangeKind.Cosmetic, result.Kind);
        Assert.Equal(["column status: cast to text, the type it already has (in production and here): values unchanged"], result.Reasons.Select(r => r.Text));
    }

    [Fact]
    public void ACastThatNarrowsIsLogicEvenWhenDbtCallsTheTypeTheSame()
    {
        var result = Classify(Base, Base.Replace("amount\n", "amount::numeric(5,0) as amount\n", StringComparison.Ordinal));

        Assert.Equal(ChangeKind.Logic, result.Kind);
        Assert.Equal(["values of column amount may change: its expression changed (in CTE renamed): amount → amount : : numeric ( 5 , 0 )"], result.Reasons.Select(r => r.Text));
        Assert.Equal(["amount"], result.ValueColumns!.Value);
    }

    [Fact]
    public void WithoutCatalogTypesACastIsNamedButNotCalledCosmetic()
    {
        var sqlOnly = SelectList.Read("select id, status, amount from x", SqlDialect.Postgres)!;
        var result = Classify("select id, status, amount from x", "select id, cast(status as text) as status, amount from x", sqlOnly);

        Assert.NotEqual(ChangeKind.Cosmetic, result.Kind);
    }
}
