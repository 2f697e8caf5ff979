using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Mapping.Dbt;

namespace DataContracts.Classification;

/// <summary>
/// The body of a change that keeps every column and type: cosmetic or logic, and for logic which clauses and
/// which output columns, so a reviewer reads "merged_object_ids: cast to text" rather than "select expressions changed".
/// </summary>
internal static partial class ChangeClassifier
{
    // Longer expressions are named by their column only: a reason is one line, and nothing in it is ever cut.
    private const int MaxExpressionLength = 60;

    private static (ChangeKind Kind, ImmutableArray<string>? ValueColumns) BodyKind(
        NodeFacts @base, NodeFacts head, SqlDialect dialect, List<ChangeReason> reasons, ColumnSet beforeColumns, ColumnSet afterColumns)
    {
        var (before, after) = @base.CompiledCode is not null && head.CompiledCode is not null
            ? (@base.CompiledCode, head.CompiledCode)
            : (@base.RawCode, head.RawCode);
        if (before is null || after is null)
        {
            if (@base.Checksum is not null && @base.Checksum == head.Checksum)
            {
                reasons.Add(ChangeReason.Other("file unchanged: config, docs or tests only"));
                return (ChangeKind.Cosmetic, null);
            }

            // The body cannot be compared: assume what a reviewer must look at.
            reasons.Add(ChangeReason.Rows("the body changed and cannot be compared: rows or values may change"));
            return (ChangeKind.Logic, null);
        }

        var clauses = ClauseDiff.Changed(before, after, dialect);
        if (clauses is null)
        {
            reasons.Add(ChangeReason.Other(string.Equals(before, after, StringComparison.Ordinal) ? "same SQL: config, docs or tests only" : "formatting or comments only"));
            return (ChangeKind.Cosmetic, null);
        }

        var diff = ColumnDiff.Compare(before, after, dialect);
        var output = diff.Changed.Where(c => afterColumns.Find(c.Column) is not null && beforeColumns.Find(c.Column) is not null).ToList();
        var noOpCasts = output.Select(c => (Change: c, Cast: NoOpCast(c, beforeColumns, afterColumns))).Where(c => c.Cast is not null).ToList();
        var valueChanged = output.Where(c => noOpCasts.All(n => n.Change != c)).ToList();
        var inner = diff.Changed.Where(c => !output.Contains(c)).ToList();
        var onlySelect = clauses.All(c => c == "select expressions");

        var castReasons = noOpCasts
            .GroupBy(c => c.Change.Column, StringComparer.OrdinalIgnoreCase)
            .Select(g => ChangeReason.Other($"column {g.Key}: cast to {g.First().Cast}, the type it already has (in production and here): values unchanged"));
        if (onlySelect && diff.Complete && inner.Count == 0 && valueChanged.Count == 0 && noOpCasts.Count > 0)
        {
            reasons.AddRange(castReasons);
            return (ChangeKind.Cosmetic, null);
        }

        var other = clauses.Where(c => c != "select expressions" || !diff.Complete || diff.Changed.IsEmpty).ToList();
        if (other.Count > 0)
        {
            reasons.Add(ChangeReason.Rows($"rows or values may change: {string.Join(", ", other)} changed"));
        }

        foreach (var column in valueChanged.GroupBy(c => c.Column, StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add(ChangeReason.Rows($"values of column {column.Key} may change: {Describe(column.First())}"));
        }

        if (inner.Count > 0)
        {
            var named = inner.Select(c => $"{c.Column} ({Where(c)})").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            reasons.Add(ChangeReason.Rows($"rows or values may change: the expression of {string.Join(", ", named.Take(5))}{(named.Count > 5 ? $" and {named.Count - 5} more" : string.Empty)} changed"));
        }

        reasons.AddRange(castReasons);

        // Only the named output columns change when nothing else changed and nothing else reads them.
        var names = valueChanged.Select(c => c.Column).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        var known = onlySelect && diff.Complete && inner.Count == 0 && !names.IsEmpty && ColumnDiff.StaysInItsColumn(after, names, dialect);
        return (ChangeKind.Logic, known ? names : null);
    }

    /// <summary>The type of a cast that changes nothing: added around the same expression, to exactly the type the column had and has (catalog types).</summary>
    private static string? NoOpCast(ChangedProjection change, ColumnSet before, ColumnSet after)
    {
        if (ColumnDiff.AddedCast(change) is not { } cast || before.Find(change.Column)?.Type is not { } was || after.Find(change.Column)?.Type is not { } now)
        {
            return null;
        }

        var type = ExactType(cast);
        return type == ExactType(was) && type == ExactType(now) ? type : null;
    }

    /// <summary>A type compared exactly (size and precision included, unlike <see cref="SameType"/>): lower case, no spaces.</summary>
    private static string ExactType(string type) => string.Concat(type.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)));

    private static string Describe(ChangedProjection change)
    {
        var where = Where(change);
        if (change.Before is { Length: <= MaxExpressionLength } was && change.After is { Length: <= MaxExpressionLength } now)
        {
            return $"its expression changed ({where}): {was} → {now}";
        }

        return $"its expression changed ({where})";
    }

    private static string Where(ChangedProjection change) => change.InFinalSelect ? "final select" : $"in {change.Block}";
}
