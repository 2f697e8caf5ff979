using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace DataContracts.Reports;

/// <summary>
/// The consumers of a classified result, built to stay scannable at a hundred of them: counts by standing and type
/// in the heading, a table by owner, blocking consumers open, the others collapsed, and rows that would print the
/// same apart from the name folded into one with a count. <see cref="MarkdownLayout.RowLimit"/> cuts rows, blocking
/// ones last; the JSON report always lists every consumer.
/// </summary>
internal static partial class MarkdownReport
{
    private const int MaxOwners = 10;
    private const int MaxGroupNames = 10;

    private static void Consumers(StringBuilder md, ImmutableArray<ConsumerRow> consumers, MarkdownLayout layout)
    {
        if (consumers.IsEmpty)
        {
            return;
        }

        md.Append("#### Consumers (").Append(consumers.Length.ToString(CultureInfo.InvariantCulture)).Append("): ")
            .Append(ConsumerGroups.StandingCounts(consumers)).Append(" · ").AppendLine(ConsumerGroups.TypeCounts(consumers, Cell)).AppendLine();
        Owners(md, consumers, layout);

        var groups = ConsumerGroups.CollapseIdentical(consumers);
        var blocking = groups.Where(g => ConsumerGroups.Standing(g.First) == ConsumerStanding.Blocking).ToList();
        var others = groups.Where(g => ConsumerGroups.Standing(g.First) != ConsumerStanding.Blocking).ToList();
        var limit = layout.RowLimit ?? groups.Length;
        var shownBlocking = Math.Min(limit, blocking.Count);
        if (blocking.Count > 0)
        {
            ConsumerTable(md, blocking, shownBlocking, layout);
        }

        if (others.Count > 0)
        {
            var rows = others.SelectMany(g => g.Rows).ToList();
            md.Append("<details><summary>").Append(blocking.Count > 0 ? "Not blocking: " : string.Empty).Append(Wording.Plural(rows.Count, "consumer"))
                .Append(" (").Append(ConsumerGroups.StandingCounts(rows)).AppendLine(")</summary>").AppendLine();
            ConsumerTable(md, others, Math.Min(limit - shownBlocking, others.Count), layout);
            md.AppendLine("</details>").AppendLine();
        }
    }

    /// <summary>Who owns what: one row per owner with the count of each type, the busiest owners first.</summary>
    private static void Owners(StringBuilder md, ImmutableArray<ConsumerRow> consumers, MarkdownLayout layout)
    {
        var owners = ConsumerGroups.ByOwner(consumers);
        if (owners is [{ Owner: null }])
        {
            md.AppendLine("No consumer lists an owner.").AppendLine();
            return;
        }

        md.AppendLine("| owner | consumers | by type |");
        md.AppendLine("|---|---:|---|");
        foreach (var group in owners.Where(g => g.Owner is not null).Take(MaxOwners).Concat(owners.Where(g => g.Owner is null)))
        {
            var owner = group.Owner is null ? "no owner listed" : OwnerMention.Cell(group.Owner, layout.Mentions) ?? Cell(group.Owner);
            md.Append("| ").Append(owner).Append(" | ").Append(group.Rows.Length.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(ConsumerGroups.TypeCounts(group.Rows, Cell)).AppendLine(" |");
        }

        var more = owners.Count(g => g.Owner is not null) - MaxOwners;
        if (more > 0)
        {
            md.Append("| ").Append(Wording.Plural(more, "more owner")).AppendLine(" | | |");
        }

        md.AppendLine();
    }

    private static void ConsumerTable(StringBuilder md, List<ConsumerGroup> groups, int shown, MarkdownLayout layout)
    {
        md.AppendLine("| consumer | type | verdict | reached from | via | owners |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var group in groups.Take(shown))
        {
            var c = group.First;
            var names = group.Count == 1
                ? ResourceCell(c.Entry)
                : $"**{group.Count.ToString(CultureInfo.InvariantCulture)}:** " + string.Join(", ", group.Rows.Take(MaxGroupNames).Select(r => ResourceCell(r.Entry)))
                    + (group.Count > MaxGroupNames ? $" and {group.Count - MaxGroupNames} more" : string.Empty);
            md.Append("| ").Append(names).Append(" | ").Append(Cell(c.Entry.Type)).Append(" | ")
                .Append(ConsumerGroups.Standing(c) == ConsumerStanding.Spared ? "🟢 spared (reads none of the changed columns)" : VerdictCell(c.Verdict))
                .Append(" | ").Append(NameList.Scoped(c.ReachedFrom, 2, Cell))
                .Append(" | ").Append(NameList.Path(c.Via, MaxCellText, Cell))
                .Append(" | ").Append(string.Join(", ", c.Entry.Owners.Select(o => OwnerMention.Cell(o, layout.Mentions) ?? Cell(o)))).AppendLine(" |");
        }

        var hidden = groups.Skip(shown).Sum(g => g.Count);
        if (hidden > 0)
        {
            md.Append("| ").Append(Wording.Plural(hidden, "more consumer")).AppendLine(": see the job summary or the JSON report | | | | | |");
        }

        md.AppendLine();
    }
}
