using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;
using DataContracts.Mapping.Sql;

namespace DataContracts.Classification;

/// <summary>
/// Classifies a changed database-project object from its git-base and head definitions, judged as SSDT's deploy
/// report would: a dropped object or column, a narrowed or retyped column is breaking ("possible data loss");
/// an added column is additive; a body-only change is logic; comments and formatting are cosmetic. A view's
/// select list is compared as the dbt path compares SQL-only evidence.
/// </summary>
internal static class SqlObjectClassifier
{
    public static ChangeClassification Classify(SqlObjectFacts? before, SqlObjectFacts? after, bool hasBase, string? baseUnreadable = null, string? renamedTo = null)
    {
        if (!hasBase || baseUnreadable is not null)
        {
            return ChangeClassification.Unknown(baseUnreadable ?? "no git base to compare with (an explicit changed-files list has no history): give --base, or run with git history");
        }

        if (before is null)
        {
            return after is null
                ? ChangeClassification.Unknown("the object is in neither revision")
                : new ChangeClassification { Class = ChangeClass.NonBreaking, Kind = ChangeKind.New, Evidence = EvidenceOf(after), Reasons = [ChangeReason.Other($"new: {after.Describe()} is not in the git base")] };
        }

        if (after is null)
        {
            return Breaking(EvidenceOf(before), renamedTo is null
                ? $"{before.Describe()} dropped: the deploy drops it and everything that reads it breaks"
                : $"{before.Describe()} renamed to {renamedTo}: the deploy drops {before.Name} and creates the new name; readers of the old name break");
        }

        if (before.Kind != after.Kind)
        {
            return Breaking(EvidenceOf(before), $"{before.Describe()} is a {after.Kind.ToString().ToLowerInvariant()} now: the deploy drops the {before.Kind.ToString().ToLowerInvariant()}");
        }

        if (string.Equals(before.Body, after.Body, StringComparison.Ordinal))
        {
            return new ChangeClassification
            {
                Class = ChangeClass.NonBreaking,
                Kind = ChangeKind.Cosmetic,
                Evidence = EvidenceOf(after),
                Reasons = [ChangeReason.Other(string.Equals(before.Text, after.Text, StringComparison.Ordinal) ? "same definition" : "formatting or comments only")],
            };
        }

        return before.Kind switch
        {
            SqlObjectKind.Table => Table(before, after),
            SqlObjectKind.View => Query(before, after),
            SqlObjectKind.Procedure => Routine(before, after),
            _ => Function(before, after),
        };
    }

    private static ChangeClassification Table(SqlObjectFacts before, SqlObjectFacts after)
    {
        if ((before.ColumnsUnknown ?? after.ColumnsUnknown) is { } unknown)
        {
            return ChangeClassification.Unknown($"{after.Describe()}: {unknown}, so its columns cannot be compared", Evidence.Contract);
        }

        var verdict = new Verdict();
        CompareColumns(before.Columns, after.Columns, verdict);
        foreach (var constraint in before.Constraints.Except(after.Constraints, StringComparer.Ordinal))
        {
            // Without a key or unique constraint, rows a reader assumed unique may repeat; a removed check or
            // foreign key lets new values in.
            if (constraint.Contains("primary key", StringComparison.Ordinal) || constraint.Contains("unique", StringComparison.Ordinal))
            {
                verdict.Break($"constraint removed: {constraint}; readers that rely on it may see duplicate rows");
            }
            else
            {
                verdict.Logic($"constraint removed: {constraint}; values it refused can now be stored");
            }
        }

        foreach (var constraint in after.Constraints.Except(before.Constraints, StringComparer.Ordinal))
        {
            verdict.Logic($"constraint added: {constraint}; the deploy fails if existing rows break it");
        }

        if (!verdict.Any)
        {
            verdict.Logic("table options, storage or index definitions changed");
        }

        return verdict.Result(Evidence.Contract);
    }

    private static ChangeClassification Routine(SqlObjectFacts before, SqlObjectFacts after)
    {
        var verdict = new Verdict();
        CompareParameters(before, after, verdict);
        verdict.Logic($"the body of {after.Describe()} changed: what it returns or does may change");
        return verdict.Result(Evidence.Contract);
    }

    private static ChangeClassification Function(SqlObjectFacts before, SqlObjectFacts after)
    {
        var verdict = new Verdict();
        CompareParameters(before, after, verdict);
        if (before.ReturnType is not null || after.ReturnType is not null)
        {
            if (before.ReturnType is null || after.ReturnType is null || !ChangeClassifier.SameType(before.ReturnType, after.ReturnType) || Narrowed(before.ReturnType, after.ReturnType))
            {
                verdict.Break($"return type changed from {before.ReturnType ?? "a table"} to {after.ReturnType ?? "a table"}");
            }

            verdict.Logic($"the body of {after.Describe()} changed: what it returns may change");
            return verdict.Result(Evidence.Contract);
        }

        // A table-valued function: declared result columns compare like a table's, a select list like a view's.
        if (after.Columns.All(c => c.Type is not null) && before.Columns.All(c => c.Type is not null) && before.ColumnsUnknown is null && after.ColumnsUnknown is null)
        {
            CompareColumns(before.Columns, after.Columns, verdict);
            verdict.Logic($"the body of {after.Describe()} changed: the rows it returns may change");
            return verdict.Result(Evidence.Contract);
        }

        var query = Query(before, after);
        return verdict.Any ? ChangeClassification.Worst([verdict.Result(Evidence.Contract), query]) : query;
    }

    /// <summary>A view (or inline function): the select lists through the classifier the dbt path uses for SQL-only evidence.</summary>
    private static ChangeClassification Query(SqlObjectFacts before, SqlObjectFacts after)
    {
        if ((before.ColumnsUnknown ?? after.ColumnsUnknown) is { } unknown)
        {
            return ChangeClassification.Unknown($"{after.Describe()}: {unknown}, so what it returns cannot be compared", Evidence.Sql);
        }

        var input = new ClassificationInput
        {
            Base = Node(before),
            Head = Node(after),
            HasBase = true,
            SameTarget = true,
            BaseColumns = [Columns(before)],
            HeadColumns = [Columns(after)],
        };
        return ChangeClassifier.Classify(input, SqlDialect.TSql);
    }

    private static NodeFacts Node(SqlObjectFacts facts) => new()
    {
        UniqueId = facts.Name.ToString(),
        ResourceType = facts.Kind.ToString().ToLowerInvariant(),
        Relation = facts.Name,
        RawCode = facts.Text,
    };

    private static ColumnSet Columns(SqlObjectFacts facts) => new()
    {
        Source = Evidence.Sql,
        Columns = [.. facts.Columns.Select(c => new ColumnFact(c.Name, c.Type))],
        Expressions = facts.Columns.Where(c => c.Expression is not null).GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToImmutableDictionary(g => g.Key, g => g.First().Expression!, StringComparer.OrdinalIgnoreCase),
    };

    private static void CompareColumns(ImmutableArray<SqlColumnFacts> before, ImmutableArray<SqlColumnFacts> after, Verdict verdict)
    {
        var removed = before.Where(c => Find(after, c.Name) is null).ToList();
        var added = after.Where(c => Find(before, c.Name) is null).ToList();
        if (removed.Count == 1 && added.Count == 1 && before.IndexOf(removed[0]) == after.IndexOf(added[0])
            && removed[0].Type is { } oldType && added[0].Type is { } newType && string.Equals(oldType, newType, StringComparison.OrdinalIgnoreCase))
        {
            verdict.Change(new ColumnChange(removed[0].Name, ColumnChangeType.Removed, oldType, null), breaking: true,
                $"column {removed[0].Name} renamed to {added[0].Name}: readers of {removed[0].Name} break (without a refactor log the deploy drops the column and its data)", saysMore: true);
            verdict.Change(new ColumnChange(added[0].Name, ColumnChangeType.Added, null, newType), breaking: false, null);
            removed.Clear();
            added.Clear();
        }

        foreach (var column in removed)
        {
            verdict.Change(new ColumnChange(column.Name, ColumnChangeType.Removed, column.Type, null), breaking: true, $"column {column.Name} removed (possible data loss)");
        }

        foreach (var column in before.Except(removed))
        {
            if (Find(after, column.Name) is not { } now)
            {
                continue;
            }

            if (column.Type is { } a && now.Type is { } b && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
            {
                if (!ChangeClassifier.SameType(a, b))
                {
                    verdict.Change(new ColumnChange(column.Name, ColumnChangeType.Retyped, a, b), breaking: true, $"column {column.Name} retyped from {a} to {b} (possible data loss)");
                }
                else if (Narrowed(a, b))
                {
                    verdict.Change(new ColumnChange(column.Name, ColumnChangeType.Retyped, a, b), breaking: true, $"column {column.Name} narrowed from {a} to {b} (possible data loss)");
                }
                else
                {
                    verdict.Additive($"column {column.Name} widened from {a} to {b}");
                }
            }

            if (column.Nullable != false && now.Nullable == false)
            {
                verdict.Logic($"column {column.Name} made NOT NULL: the deploy fails if a row holds NULL");
            }
            else if (column.Nullable == false && now.Nullable != false)
            {
                verdict.Break($"column {column.Name} allows NULL now: readers that rely on a value may break");
            }

            if (column.Identity != now.Identity)
            {
                verdict.Break($"column {column.Name} {(now.Identity ? "became" : "is no longer")} an IDENTITY: the deploy rebuilds the table and inserts that set or omit it break");
            }

            if (!string.Equals(column.Expression, now.Expression, StringComparison.Ordinal))
            {
                verdict.Logic($"the computed expression of column {column.Name} changed");
            }

            if (!string.Equals(column.Default, now.Default, StringComparison.Ordinal))
            {
                verdict.Logic($"the default of column {column.Name} changed");
            }
        }

        foreach (var column in added)
        {
            var blocked = column.Nullable == false && column.Default is null && !column.Identity && column.Expression is null;
            verdict.Change(new ColumnChange(column.Name, ColumnChangeType.Added, null, column.Type), breaking: false,
                blocked ? $"column {column.Name} added, NOT NULL without a default: the deploy fails on a table with rows (unless GenerateSmartDefaults)" : $"column {column.Name} added", saysMore: blocked);
        }
    }

    private static void CompareParameters(SqlObjectFacts before, SqlObjectFacts after, Verdict verdict)
    {
        foreach (var parameter in before.Parameters)
        {
            var now = after.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (now is null)
            {
                verdict.Break($"parameter {parameter.Name} removed: callers that pass it fail");
            }
            else if (!ChangeClassifier.SameType(parameter.Type, now.Type) || Narrowed(parameter.Type, now.Type))
            {
                verdict.Break($"parameter {parameter.Name} retyped from {parameter.Type} to {now.Type}");
            }
            else if (parameter.HasDefault && !now.HasDefault)
            {
                verdict.Break($"parameter {parameter.Name} lost its default: callers that omit it fail");
            }
            else if (parameter.IsOutput != now.IsOutput)
            {
                verdict.Break($"parameter {parameter.Name} {(now.IsOutput ? "became" : "is no longer")} OUTPUT: callers must change");
            }
        }

        foreach (var parameter in after.Parameters.Where(p => !before.Parameters.Any(b => string.Equals(b.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
        {
            if (parameter.HasDefault)
            {
                verdict.Additive($"parameter {parameter.Name} added with a default");
            }
            else
            {
                verdict.Break($"parameter {parameter.Name} added without a default: every existing caller fails");
            }
        }
    }

    /// <summary>Same base type, and some length, precision or scale smaller (<c>max</c> is the largest).</summary>
    internal static bool Narrowed(string before, string after)
    {
        var a = Sizes(before);
        var b = Sizes(after);
        if (a.Length == 0 && b.Length == 0)
        {
            return false;
        }

        // A size given on one side only: the type's default size (datetime2 is datetime2(7)) cannot be told here.
        if (a.Length != b.Length)
        {
            return true;
        }

        return a.Zip(b).Any(p => p.Second < p.First);
    }

    private static long[] Sizes(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return [];
        }

        return [.. type[(open + 1)..].TrimEnd(')').Split(',').Select(s => s.Trim().Equals("max", StringComparison.OrdinalIgnoreCase) ? long.MaxValue : long.TryParse(s, out var n) ? n : 0)];
    }

    private static SqlColumnFacts? Find(ImmutableArray<SqlColumnFacts> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Evidence EvidenceOf(SqlObjectFacts facts) => facts.Kind == SqlObjectKind.View ? Evidence.Sql : Evidence.Contract;

    private static ChangeClassification Breaking(Evidence evidence, string reason) =>
        new() { Class = ChangeClass.Breaking, Evidence = evidence, Reasons = [ChangeReason.Other(reason)] };

    /// <summary>What the comparisons found, worst first when it becomes a classification.</summary>
    private sealed class Verdict
    {
        private readonly List<ChangeReason> _reasons = [];
        private readonly List<ColumnChange> _changes = [];
        private bool _breaking;
        private bool _additive;
        private bool _logic;

        public bool Any => _breaking || _additive || _logic;

        public void Break(string reason)
        {
            _breaking = true;
            _reasons.Add(ChangeReason.Other(reason));
        }

        public void Additive(string reason)
        {
            _additive = true;
            _reasons.Add(ChangeReason.Other(reason));
        }

        public void Logic(string reason)
        {
            _logic = true;
            _reasons.Add(ChangeReason.Rows(reason));
        }

        /// <summary>A column change; its reason restates it (<see cref="ReasonKind.Column"/>) unless it says more (a rename, a blocked deploy).</summary>
        public void Change(ColumnChange change, bool breaking, string? reason, bool saysMore = false)
        {
            _changes.Add(change);
            _breaking |= breaking;
            _additive |= !breaking;
            if (reason is not null)
            {
                _reasons.Add(new ChangeReason(saysMore ? ReasonKind.Other : ReasonKind.Column, reason));
            }
        }

        public ChangeClassification Result(Evidence evidence) => new()
        {
            Class = _breaking ? ChangeClass.Breaking : ChangeClass.NonBreaking,
            Kind = _breaking ? null : _logic ? ChangeKind.Logic : _additive ? ChangeKind.Additive : ChangeKind.Cosmetic,
            Evidence = evidence,
            ColumnChanges = [.. _changes],
            Reasons = [.. _reasons],
        };
    }
}
