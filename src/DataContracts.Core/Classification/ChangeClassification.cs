using System.Collections.Immutable;

namespace DataContracts.Classification;

/// <summary>Whether a change can break what reads the relation (relation, columns, types), as in dbt's contract rules.</summary>
internal enum ChangeClass
{
    Breaking,
    NonBreaking,
    Unknown,
}

/// <summary>What kind of non-breaking change it is, so a schema-keeping change of rows or values stays visible.</summary>
internal enum ChangeKind
{
    /// <summary>Columns added, nothing removed or retyped.</summary>
    Additive,

    /// <summary>Same columns and types, but rows or values may change (a filter, join, grouping or expression).</summary>
    Logic,

    /// <summary>Formatting, comments, docs, config or tests only.</summary>
    Cosmetic,

    /// <summary>A model production has not built yet.</summary>
    New,
}

/// <summary>The kinds' names as reports and messages show them.</summary>
internal static class ChangeKindNames
{
    /// <summary>"logic", "additive", "cosmetic", "new"; "unspecified" when there is no kind.</summary>
    public static string Name(this ChangeKind? kind) => kind switch
    {
        ChangeKind.Additive => "additive",
        ChangeKind.Logic => "logic",
        ChangeKind.Cosmetic => "cosmetic",
        ChangeKind.New => "new",
        _ => "unspecified",
    };
}

/// <summary>Where the column facts behind a class came from, strongest first.</summary>
internal enum Evidence
{
    /// <summary>dbt <c>catalog.json</c> (what the warehouse reported).</summary>
    Catalog,

    /// <summary>Secoda's column resources of the production table.</summary>
    Secoda,

    /// <summary>Declared columns: contract <c>data_type</c>s, documented columns.</summary>
    Contract,

    /// <summary>The final select list of the model's SQL.</summary>
    Sql,

    None,
}

internal enum ColumnChangeType
{
    Removed,
    Added,
    Retyped,
}

/// <summary>One column that differs between production and this change.</summary>
internal sealed record ColumnChange(string Column, ColumnChangeType Change, string? Before, string? After);

/// <summary>What a reason is about, so reports and policy pick reasons by kind, never by their wording.</summary>
internal enum ReasonKind
{
    /// <summary>Restates one of <see cref="ChangeClassification.ColumnChanges"/>; reports that list the column changes skip it.</summary>
    Column,

    /// <summary>A column change of a contracted column: also one of the column changes, but says more (the contract), so it is shown.</summary>
    ContractedColumn,

    /// <summary>Rows or values may change: what makes a change <see cref="ChangeKind.Logic"/>.</summary>
    Rows,

    /// <summary>Anything else: a removed relation, a rename, a constraint, access, missing evidence.</summary>
    Other,
}

/// <summary>One reason for a class, in words for people, with the kind decisions use.</summary>
internal sealed record ChangeReason(ReasonKind Kind, string Text)
{
    public static ChangeReason Other(string text) => new(ReasonKind.Other, text);

    public static ChangeReason Rows(string text) => new(ReasonKind.Rows, text);

    /// <summary>True for a reason that is one of the column changes.</summary>
    public bool IsColumnChange => Kind is ReasonKind.Column or ReasonKind.ContractedColumn;

    public override string ToString() => Text;
}

/// <summary>The verdict on one changed model: its class, kind, the evidence used, the column changes and why.</summary>
internal sealed record ChangeClassification
{
    public required ChangeClass Class { get; init; }

    /// <summary>Set for non-breaking changes only.</summary>
    public ChangeKind? Kind { get; init; }

    public required Evidence Evidence { get; init; }

    public ImmutableArray<ColumnChange> ColumnChanges { get; init; } = [];

    public ImmutableArray<ChangeReason> Reasons { get; init; } = [];

    /// <summary>The reasons' words, for reports and messages.</summary>
    public IEnumerable<string> ReasonTexts => Reasons.Select(r => r.Text);

    /// <summary>
    /// For a <see cref="ChangeKind.Logic"/> change whose SQL shows exactly which output columns' values may change
    /// (only their expressions changed, and nothing else reads them): those columns. Null when that is not known,
    /// so every column counts as changed.
    /// </summary>
    public ImmutableArray<string>? ValueColumns { get; init; }

    /// <summary>What every change is without base evidence: part one's verdicts stand.</summary>
    public static ChangeClassification Unknown(string reason, Evidence evidence = Evidence.None) =>
        new() { Class = ChangeClass.Unknown, Evidence = evidence, Reasons = [ChangeReason.Other(reason)] };

    /// <summary>Breaking first, then unknown (counted as breaking), then non-breaking.</summary>
    public int Severity => Class switch
    {
        ChangeClass.Breaking => 2,
        ChangeClass.Unknown => 1,
        _ => 0,
    };

    /// <summary>The worst of several classifications (a table built by several changed models, an ephemeral model's descendants).</summary>
    public static ChangeClassification Worst(IEnumerable<ChangeClassification> all)
    {
        var list = all.ToList();
        if (list.Count == 0)
        {
            return Unknown("nothing to classify");
        }

        var worst = list.OrderByDescending(c => c.Severity).ThenByDescending(c => (int)c.Evidence).First();
        if (list.Count == 1)
        {
            return worst;
        }

        // Keep what every part said: the reviewer needs each column change and reason, not only the worst one's.
        var kind = worst.Class == ChangeClass.NonBreaking ? list.Select(c => c.Kind).OfType<ChangeKind>().OrderBy(KindRank).FirstOrDefault() : (ChangeKind?)null;
        var logic = list.Where(c => c.Kind == ChangeKind.Logic).ToList();
        return worst with
        {
            Kind = kind,
            ValueColumns = kind == ChangeKind.Logic && logic.All(c => c.ValueColumns is not null)
                ? [.. logic.SelectMany(c => c.ValueColumns!.Value).Distinct(StringComparer.OrdinalIgnoreCase)]
                : null,
            Evidence = list.Max(c => c.Evidence),
            ColumnChanges = [.. list.SelectMany(c => c.ColumnChanges).Distinct()],
            Reasons = [.. list.SelectMany(c => c.Reasons).DistinctBy(r => r.Text, StringComparer.Ordinal)],
        };
    }

    // Logic first: it is the kind a reviewer must not miss.
    private static int KindRank(ChangeKind kind) => kind switch
    {
        ChangeKind.Logic => 0,
        ChangeKind.Additive => 1,
        ChangeKind.New => 2,
        _ => 3,
    };
}
