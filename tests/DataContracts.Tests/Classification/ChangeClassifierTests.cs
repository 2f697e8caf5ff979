using System.Collections.Immutable;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Tests.Classification;

/// <summary>The pure classifier: dbt-core's contract rules, relation rules, and the evidence it may and may not draw on.</summary>
public class ChangeClassifierTests
{
    private static NodeFacts Node(string sql = "select id, status from orders", bool enforced = false, string? access = null, string? materialized = "table", params DeclaredColumn[] columns) => new()
    {
        UniqueId = "model.shop.orders",
        ResourceType = "model",
        Relation = materialized == "ephemeral" ? null : new TableName("analytics", "marts", "orders"),
        Materialized = materialized,
        ContractEnforced = enforced,
        Access = access,
        Columns = [.. columns],
        RawCode = sql,
    };

    private static ColumnSet Catalog(params (string Name, string Type)[] columns) =>
        new() { Source = Evidence.Catalog, Columns = [.. columns.Select(c => new ColumnFact(c.Name, c.Type))] };

    private static ChangeClassification Classify(NodeFacts? @base, NodeFacts? head, ColumnSet[]? before = null, ColumnSet[]? after = null) =>
        ChangeClassifier.Classify(new ClassificationInput
        {
            Base = @base,
            Head = head,
            HasBase = true,
            SameTarget = true,
            BaseColumns = before is null ? Sql(@base) : [.. before],
            HeadColumns = after is null ? Sql(head) : [.. after],
        });

    private static ImmutableArray<ColumnSet> Sql(NodeFacts? node) =>
        node is not null && SelectList.Read(node.RawCode, SqlDialect.Ansi) is { } set ? [set] : [];

    private static readonly DeclaredColumn Id = new("id", "integer", ["not_null"]);
    private static readonly DeclaredColumn Status = new("status", "varchar(20)", []);

    [Fact]
    public void WithoutABaseEverythingIsUnknown()
    {
        var result = ChangeClassifier.Classify(new ClassificationInput { Head = Node(), HasBase = false });

        Assert.Equal(ChangeClass.Unknown, result.Class);
        Assert.Equal(Evidence.None, result.Evidence);
    }

    [Fact]
    public void ContractEnforcementTurnedOffIsBreaking()
    {
        var result = Classify(Node(enforced: true, columns: [Id, Status]), Node(columns: [Id, Status]));

        Assert.Equal(ChangeClass.Breaking, result.Class);
        Assert.Contains("contract.enforced turned off", result.ReasonTexts);
    }

    [Fact]
    public void ContractedColumnRemovedRetypedOrUnconstrainedIsBreaking()
    {
        var result = Classify(
            Node(enforced: true, columns: [Id, Status]),
            Node("select id from orders", enforced: true, columns: [new DeclaredColumn("id", "bigint", [])]));

        Assert.Equal(ChangeClass.Breaking, result.Class);
        Assert.Contains(result.ColumnChanges, c => c is { Column: "status", Change: ColumnChangeType.Removed });
        Assert.Contains(result.ColumnChanges, c => c is { Column: "id", Change: ColumnChangeType.Retyped, Before: "integer", After: "bigint" });
        Assert.Contains("constraint not_null removed from column id", result.ReasonTexts);
    }

    [Fact]
    public void SizeOrPrecisionOfADeclaredTypeIsNotABreakAsInDbt111()
    {
        var result = Classify(
            Node(enforced: true, columns: [Id, Status]),
            Node(enforced: true, columns: [Id, Status with { DataType = "VARCHAR(200)" }]));

        Assert.Equal(ChangeClass.NonBreaking, result.Class);
        Assert.Equal(ChangeKind.Cosmetic, result.Kind);
    }

    [Theory]
    [InlineData("public", "protected", true)]
    [InlineData("protected", "private", true)]
    [InlineData("private", "public", false)]
    public void NarrowedAccessIsBreaking(string before, string after, bool breaking)
    {
        var result = Classify(Node(access: before), Node(access: after));

        Assert.Equal(breaking ? ChangeClass.Breaking : ChangeClass.NonBreaking, result.Class);
    }

    [Fact]
    public void DeletedDisabledOrEphemeralNowRemovesTheRelation()
    {
        Assert.Equal(ChangeClass.Breaking, Classify(Node(), null).Class);
        Assert.Equal(ChangeClass.Breaking, Classify(Node(), Node() with { Disabled = true }).Class);
        var ephemeral = Classify(Node(), Node(materialized: "ephemeral"));
        Assert.Equal(ChangeClass.Breaking, ephemeral.Class);
        Assert.Contains("ephemeral", ephemeral.Reasons[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovedVersionSaysSo()
    {
        var result = Classify(Node() with { Version = "2" }, null);

        Assert.Equal(ChangeClass.Breaking, result.Class);
        Assert.StartsWith("version 2 removed", result.Reasons[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeProductionDoesNotHaveIsNew()
    {
        var result = Classify(null, Node());

        Assert.Equal(ChangeClass.NonBreaking, result.Class);
        Assert.Equal(ChangeKind.New, result.Kind);
    }

    [Fact]
    public void SelectStarWithNoBetterEvidenceIsUnknown()
    {
        var result = Classify(Node("select * from stg_orders"), Node("select * from stg_orders where id > 0"));

        Assert.Equal(ChangeClass.Unknown, result.Class);
    }

    [Fact]
    public void NeverNonBreakingWhenOnlyOneSideHasColumns()
    {
        var result = Classify(Node("select * from stg_orders"), Node(), before: [], after: [Catalog(("id", "INTEGER"))]);

        Assert.Equal(ChangeClass.Unknown, result.Class);
    }

    [Fact]
    public void CatalogColumnsDecideEvenForSelectStar()
    {
        var result = Classify(
            Node("select * from stg_orders"),
            Node("select * from stg_orders where id > 0"),
            before: [Catalog(("id", "INTEGER"), ("status", "VARCHAR"))],
            after: [Catalog(("ID", "integer"), ("status", "VARCHAR"))]);

        Assert.Equal(ChangeClass.NonBreaking, result.Class);
        Assert.Equal(ChangeKind.Logic, result.Kind);
        Assert.Equal(Evidence.Catalog, result.Evidence);
        Assert.Contains(result.Reasons, r => r.Kind == ReasonKind.Rows && r.Text.Contains("where", StringComparison.Ordinal));
    }

    [Fact]
    public void FormattingAndCommentsOnlyAreCosmetic()
    {
        var result = Classify(Node("select id, status from orders"), Node("-- tidy\nSELECT\n  id,\n  status\nFROM orders"));

        Assert.Equal(ChangeClass.NonBreaking, result.Class);
        Assert.Equal(ChangeKind.Cosmetic, result.Kind);
        Assert.Equal(Evidence.Sql, result.Evidence);
    }

    [Fact]
    public void SecodaColumnsOfProductionCountAgainstTheHeadCatalogUnderTheWeakerName()
    {
        var secoda = new ColumnSet { Source = Evidence.Secoda, Columns = [new ColumnFact("id", "NUMBER"), new ColumnFact("status", "TEXT")] };
        var result = Classify(Node(), Node(), before: [secoda], after: [Catalog(("id", "NUMBER"))]);

        Assert.Equal(ChangeClass.Breaking, result.Class);
        Assert.Equal(Evidence.Secoda, result.Evidence);
        Assert.Contains(result.ColumnChanges, c => c is { Column: "status", Change: ColumnChangeType.Removed });
    }

    [Fact]
    public void AJinjaSchemaThatChangedIsJudgedByWhatItRendered()
    {
        var before = Node() with { ConfiguredSchema = "{{ 'a' if target.name == 'x' else 'marts' }}" };
        var same = Node() with { ConfiguredSchema = "{{ 'b' if target.name == 'x' else 'marts' }}" };
        var moved = same with { Relation = new TableName("analytics", "finance", "orders") };

        Assert.Equal(ChangeClass.NonBreaking, Classify(before, same).Class);
        Assert.Equal(ChangeClass.Breaking, Classify(before, moved).Class);
        var otherTarget = ChangeClassifier.Classify(new ClassificationInput { Base = before, Head = same, HasBase = true, SameTarget = false, BaseColumns = Sql(before), HeadColumns = Sql(same) });
        Assert.Equal(ChangeClass.Unknown, otherTarget.Class);
    }

    [Fact]
    public void WorstOfSeveralKeepsEveryColumnChange()
    {
        var breaking = new ChangeClassification { Class = ChangeClass.Breaking, Evidence = Evidence.Catalog, ColumnChanges = [new ColumnChange("a", ColumnChangeType.Removed, "INT", null)], Reasons = [new ChangeReason(ReasonKind.Column, "column a removed")] };
        var additive = new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.Additive, Evidence = Evidence.Sql, ColumnChanges = [new ColumnChange("b", ColumnChangeType.Added, null, null)], Reasons = [new ChangeReason(ReasonKind.Column, "column b added")] };

        var worst = ChangeClassification.Worst([additive, breaking]);

        Assert.Equal(ChangeClass.Breaking, worst.Class);
        Assert.Equal(Evidence.Sql, worst.Evidence);
        Assert.Equal(2, worst.ColumnChanges.Length);
    }
}
