using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Classification;

/// <summary>
/// Classifies one changed dbt node from its production (base) and changed (head) facts: dbt-core's contract
/// rules for contracted models, extended to every model through the best column evidence both sides have.
/// It never answers <see cref="ChangeClass.NonBreaking"/> unless the evidence shows the relation and every
/// column (and, where known, its type) are kept.
/// </summary>
internal static partial class ChangeClassifier
{
    public static ChangeClassification Classify(ClassificationInput input, SqlDialect dialect = SqlDialect.Ansi)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.HasBase)
        {
            return ChangeClassification.Unknown("no production state, git base or base columns to compare with");
        }

        var head = input.Head;
        var @base = input.Base;
        if (@base is null || @base.Disabled)
        {
            return head is null || head.Disabled
                ? new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.Cosmetic, Evidence = Evidence.None, Reasons = [ChangeReason.Other("not built in production nor by this change")] }
                : new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.New, Evidence = Best(input.HeadColumns), Reasons = [ChangeReason.Other("new: not in the production state")] };
        }

        var evidence = Best(input.BaseColumns);
        if (head is null)
        {
            return Breaking(evidence, RemovedReason(@base));
        }

        if (head.Disabled)
        {
            return Breaking(evidence, $"relation {@base.Relation} removed: the model is disabled now");
        }

        if (head.IsEphemeral && !@base.IsEphemeral)
        {
            return Breaking(evidence, $"relation {@base.Relation} removed: materialized as ephemeral now");
        }

        if (@base.IsEphemeral && !head.IsEphemeral)
        {
            return new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.New, Evidence = Best(input.HeadColumns), Reasons = [ChangeReason.Other("new relation: was ephemeral, materialized now")] };
        }

        var reasons = new List<ChangeReason>();
        var changes = new List<ColumnChange>();
        var breaking = false;
        var unknown = false;

        var undecided = new List<string>();
        if (Renamed(@base, head, input.SameTarget, undecided) is { } rename)
        {
            breaking = true;
            reasons.Add(ChangeReason.Other(rename));
        }

        if (undecided.Count > 0)
        {
            unknown = true;
            reasons.AddRange(undecided.Select(ChangeReason.Other));
        }

        breaking |= ContractRules(@base, head, reasons, changes);
        breaking |= AccessNarrowed(@base, head, reasons);

        var pair = PickEvidence(input.BaseColumns, input.HeadColumns);
        if (pair is null)
        {
            if (!breaking)
            {
                var missing = input.BaseColumns.IsEmpty ? "production" : "this change";
                return ChangeClassification.Unknown($"the columns of {missing} are not known (no catalog, declared columns or readable select list)");
            }

            return new ChangeClassification { Class = ChangeClass.Breaking, Evidence = evidence, ColumnChanges = [.. changes], Reasons = [.. reasons] };
        }

        var (before, after, level) = pair.Value;
        evidence = level;
        var added = false;
        foreach (var column in before.Columns)
        {
            var now = after.Find(column.Name);
            if (now is null)
            {
                breaking = true;
                Add(changes, reasons, new ColumnChange(column.Name, ColumnChangeType.Removed, column.Type, null), new ChangeReason(ReasonKind.Column, $"column {column.Name} removed"));
            }
            else if (column.Type is not null && now.Type is not null)
            {
                if (!SameType(column.Type, now.Type))
                {
                    breaking = true;
                    Add(changes, reasons, new ColumnChange(column.Name, ColumnChangeType.Retyped, column.Type, now.Type), new ChangeReason(ReasonKind.Column, $"column {column.Name} retyped from {column.Type} to {now.Type}"));
                }
            }
            else if (!SameExpression(before, after, column.Name))
            {
                unknown = true;
                reasons.Add(ChangeReason.Other($"the expression of column {column.Name} changed; its type cannot be told from {Describe(level)}"));
            }
        }

        foreach (var column in after.Columns.Where(c => before.Find(c.Name) is null))
        {
            added = true;
            Add(changes, reasons, new ColumnChange(column.Name, ColumnChangeType.Added, null, column.Type), new ChangeReason(ReasonKind.Column, $"column {column.Name} added"));
        }

        if (breaking)
        {
            return new ChangeClassification { Class = ChangeClass.Breaking, Evidence = evidence, ColumnChanges = [.. changes], Reasons = [.. reasons] };
        }

        if (unknown)
        {
            return new ChangeClassification { Class = ChangeClass.Unknown, Evidence = evidence, ColumnChanges = [.. changes], Reasons = [.. reasons] };
        }

        var bodyReasons = new List<ChangeReason>();
        var (body, valueColumns) = BodyKind(@base, head, dialect, bodyReasons, before, after);
        var kind = added ? ChangeKind.Additive : body;
        if (!added || body == ChangeKind.Logic)
        {
            reasons.AddRange(bodyReasons);
        }

        if (reasons.Count == 0)
        {
            reasons.Add(ChangeReason.Other($"same columns{(before.HasTypes && after.HasTypes ? " and types" : string.Empty)}"));
        }

        return new ChangeClassification
        {
            Class = ChangeClass.NonBreaking,
            Kind = kind,
            Evidence = evidence,
            ColumnChanges = [.. changes],
            Reasons = [.. reasons],
            ValueColumns = kind == ChangeKind.Logic ? valueColumns : null,
        };
    }

    private static ChangeClassification Breaking(Evidence evidence, string reason) =>
        new() { Class = ChangeClass.Breaking, Evidence = evidence, Reasons = [ChangeReason.Other(reason)] };

    private static string RemovedReason(NodeFacts @base) =>
        @base.Version is { Length: > 0 } version
            ? $"version {version} removed: relation {@base.Relation} is no longer built"
            : $"relation {@base.Relation} removed: the model is deleted or renamed";

    /// <summary>
    /// dbt's <c>state:modified.relation</c>: the configured alias, schema or database changed. A literal value is
    /// compared as written (the rendered schema depends on the target); a Jinja value by what it rendered to, when
    /// both sides were rendered for the same target, else the change is reported as not decidable.
    /// </summary>
    private static string? Renamed(NodeFacts @base, NodeFacts head, bool sameTarget, List<string> undecided)
    {
        var parts = new[]
        {
            ("alias", @base.ConfiguredAlias ?? @base.Relation?.Name, head.ConfiguredAlias ?? head.Relation?.Name, @base.Relation?.Name, head.Relation?.Name),
            ("schema", @base.ConfiguredSchema, head.ConfiguredSchema, @base.Relation?.Schema, head.Relation?.Schema),
            ("database", @base.ConfiguredDatabase, head.ConfiguredDatabase, @base.Relation?.Database, head.Relation?.Database),
        };
        foreach (var (part, before, after, renderedBefore, renderedAfter) in parts)
        {
            if (string.Equals(before, after, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var templated = (before?.Contains("{{", StringComparison.Ordinal) ?? false) || (after?.Contains("{{", StringComparison.Ordinal) ?? false);
            if (templated && sameTarget)
            {
                if (string.Equals(renderedBefore, renderedAfter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                return $"relation renamed: {part} {renderedBefore} → {renderedAfter}; {@base.Relation} is no longer built";
            }

            if (templated)
            {
                undecided.Add($"the configured {part} expression changed; whether the production relation moves cannot be told without rendering it for production");
                continue;
            }

            return part == "alias"
                ? $"relation renamed: alias {before ?? "(default)"} → {after ?? "(default)"}; {@base.Relation} is no longer built"
                : $"relation moved: configured {part} {before ?? "(default)"} → {after ?? "(default)"}; {@base.Relation} is no longer built";
        }

        return null;
    }

    /// <summary>dbt-core's <c>same_contract</c> rules for a model whose production contract is enforced.</summary>
    private static bool ContractRules(NodeFacts @base, NodeFacts head, List<ChangeReason> reasons, List<ColumnChange> changes)
    {
        if (!@base.ContractEnforced)
        {
            return false;
        }

        if (!head.ContractEnforced)
        {
            reasons.Add(ChangeReason.Other("contract.enforced turned off"));
            return true;
        }

        var breaking = false;
        foreach (var column in @base.Columns)
        {
            var now = head.Columns.FirstOrDefault(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (now is null)
            {
                breaking = true;
                Add(changes, reasons, new ColumnChange(column.Name, ColumnChangeType.Removed, column.DataType, null), new ChangeReason(ReasonKind.ContractedColumn, $"contracted column {column.Name} removed"));
                continue;
            }

            if (column.DataType is not null && now.DataType is not null && !SameType(column.DataType, now.DataType))
            {
                breaking = true;
                Add(changes, reasons, new ColumnChange(column.Name, ColumnChangeType.Retyped, column.DataType, now.DataType), new ChangeReason(ReasonKind.ContractedColumn, $"contracted column {column.Name} data_type changed from {column.DataType} to {now.DataType}"));
            }

            foreach (var constraint in column.Constraints.Except(now.Constraints, StringComparer.OrdinalIgnoreCase))
            {
                breaking = true;
                reasons.Add(ChangeReason.Other($"constraint {constraint} removed from column {column.Name}"));
            }
        }

        foreach (var constraint in @base.Constraints.Except(head.Constraints, StringComparer.OrdinalIgnoreCase))
        {
            breaking = true;
            reasons.Add(ChangeReason.Other($"model constraint {constraint} removed"));
        }

        return breaking;
    }

    private static bool AccessNarrowed(NodeFacts @base, NodeFacts head, List<ChangeReason> reasons)
    {
        static int Rank(string? access) => access?.ToLowerInvariant() switch
        {
            "private" => 0,
            "protected" => 1,
            "public" => 2,
            _ => -1,
        };

        var before = Rank(@base.Access);
        var after = Rank(head.Access);
        if (before < 0 || after < 0 || after >= before)
        {
            return false;
        }

        reasons.Add(ChangeReason.Other($"access narrowed from {@base.Access} to {head.Access}"));
        return true;
    }

    /// <summary>
    /// The strongest level both sides have: a side's set counts at its own level and every weaker one. The
    /// evidence named is the weaker side's, so the report never claims more than the comparison had.
    /// </summary>
    private static (ColumnSet Before, ColumnSet After, Evidence Level)? PickEvidence(ImmutableArray<ColumnSet> before, ImmutableArray<ColumnSet> after)
    {
        foreach (var level in new[] { Evidence.Catalog, Evidence.Secoda, Evidence.Contract, Evidence.Sql })
        {
            // At each level a set of exactly that level comes first: two select lists compare expressions, a catalog and a select list only names.
            var b = before.Where(s => s.Source <= level).OrderBy(s => s.Source == level ? 0 : 1).FirstOrDefault();
            var a = after.Where(s => s.Source <= level).OrderBy(s => s.Source == level ? 0 : 1).FirstOrDefault();
            if (b is not null && a is not null)
            {
                return (b, a, (Evidence)Math.Max((int)b.Source, (int)a.Source));
            }
        }

        return null;
    }

    /// <summary>Without types on both sides only an unchanged projection shows the type is kept.</summary>
    private static bool SameExpression(ColumnSet before, ColumnSet after, string column) =>
        before.Expressions.TryGetValue(column, out var x) && after.Expressions.TryGetValue(column, out var y)
            && string.Equals(x, y, StringComparison.Ordinal);

    /// <summary>
    /// dbt 1.11's rule: compare data types lower-cased and without size or precision (<c>varchar(10)</c> is
    /// <c>varchar</c>), so widening a column is not a break; a different base type is.
    /// </summary>
    public static bool SameType(string before, string after) => NormalizeType(before) == NormalizeType(after);

    private static string NormalizeType(string type)
    {
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        var bare = paren < 0 ? type : type[..paren];
        return string.Join(' ', bare.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Evidence Best(ImmutableArray<ColumnSet> sets) => sets.IsEmpty ? Evidence.None : sets.Min(s => s.Source);

    private static string Describe(Evidence level) => level switch
    {
        Evidence.Sql => "SQL alone",
        Evidence.Contract => "the declared columns",
        _ => "the evidence",
    };

    private static void Add(List<ColumnChange> changes, List<ChangeReason> reasons, ColumnChange change, ChangeReason reason)
    {
        if (!changes.Any(c => string.Equals(c.Column, change.Column, StringComparison.OrdinalIgnoreCase) && c.Change == change.Change))
        {
            changes.Add(change);
            reasons.Add(reason);
        }
    }
}
