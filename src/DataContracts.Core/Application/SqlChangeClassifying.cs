using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;
using DataContracts.Mapping.Sql;

namespace DataContracts.Application;

/// <summary>
/// Classifies a changed plain-SQL model (<c>sql:</c>) against its file at the git base: T-SQL through Microsoft's
/// parser and the database-project rules, other dialects through the final select list, as the dbt path reads
/// SQL-only evidence.
/// </summary>
internal static class SqlChangeClassifying
{
    public static async Task<ChangeClassification> ClassifyAsync(CheckRun run, MappedModel model, IBaseContentReader baseContent, CancellationToken cancellationToken)
    {
        if (baseContent is NoBaseContent)
        {
            return ChangeClassification.Unknown("no git base to compare with (an explicit changed-files list has no history): give --base, or run with git history");
        }

        var settings = run.Contracts.Sql ?? new SqlSettings();
        var headText = model.Status == ChangeStatus.Deleted ? null : await ReadAsync(Path.Combine(run.WorkspaceRoot, model.File), model.File, cancellationToken).ConfigureAwait(false);
        var baseText = model.Status == ChangeStatus.Added ? null : await baseContent.ReadAsync(model.OldFile ?? model.File, cancellationToken).ConfigureAwait(false);
        if (baseText is null && model.Status != ChangeStatus.Added)
        {
            return ChangeClassification.Unknown($"{model.OldFile ?? model.File} could not be read at the git base");
        }

        return settings.Dialect == SqlDialect.TSql
            ? TSql(run, model, settings, baseText, headText)
            : SelectLists(model, settings.Dialect, baseText, headText);
    }

    private static ChangeClassification TSql(CheckRun run, MappedModel model, SqlSettings settings, string? baseText, string? headText)
    {
        var variables = SqlCmdVariables.FromCommandLine(SqlCmdVariables.ParseArguments(run.Request.SqlCmdVariables));
        TSqlReadOptions Options(string file) => SqlTargetExtractor.TSqlOptions(file, settings, variables) with { Severity = Severity.Warning };
        var before = baseText is null ? null : TSqlScriptReader.Read(baseText, Options(model.OldFile ?? model.File));
        var after = headText is null ? null : TSqlScriptReader.Read(headText, Options(model.File));
        if (before is { HasErrors: true } || after is { HasErrors: true })
        {
            var failed = after is { HasErrors: true } ? after : before!;
            return ChangeClassification.Unknown($"the T-SQL parser refused {failed.Diagnostics.First(d => d.IsError).Location}: {failed.Diagnostics.First(d => d.IsError).Message}");
        }

        var table = model.Table;
        var old = before?.Objects.FirstOrDefault(o => table is not null && table.Matches(o.Name));
        var now = after?.Objects.FirstOrDefault(o => table is not null && table.Matches(o.Name));
        if (old is null && now is null)
        {
            return ChangeClassification.Unknown($"{model.File} writes {table} but does not define it (no CREATE or ALTER of it): what its rows become cannot be compared");
        }

        return SqlObjectClassifier.Classify(old, now, hasBase: true);
    }

    private static ChangeClassification SelectLists(MappedModel model, SqlDialect dialect, string? baseText, string? headText)
    {
        NodeFacts? Facts(string? text) => text is null ? null : new NodeFacts { UniqueId = model.Id, ResourceType = "model", Relation = model.Table, RawCode = text };
        ColumnSet[] Columns(string? text) => SelectList.Read(text, dialect) is { } set ? [set] : [];

        var input = new ClassificationInput
        {
            Base = Facts(baseText),
            Head = Facts(headText),
            HasBase = true,
            SameTarget = true,
            BaseColumns = [.. Columns(baseText)],
            HeadColumns = [.. Columns(headText)],
        };
        return ChangeClassifier.Classify(input, dialect);
    }

    private static async Task<string?> ReadAsync(string fullPath, string display, CancellationToken cancellationToken) =>
        File.Exists(fullPath) ? await IO.BoundedFile.ReadAllTextAsync(fullPath, display, cancellationToken).ConfigureAwait(false) : null;
}
