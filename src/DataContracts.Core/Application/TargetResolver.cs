using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// Turns <c>impact</c> targets into models: a file path (mapped like a changed file), a dbt model name or
/// unique id, a Secoda id, or <c>db.schema.table</c>, tried in that order.
/// </summary>
internal static class TargetResolver
{
    public static async Task<(ImmutableArray<MappedModel> Models, ImmutableDictionary<string, string> SecodaIds)> ResolveAsync(
        CheckRun run, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var ids = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var files = new List<ChangedFile>();
        foreach (var target in targets)
        {
            var full = Path.GetFullPath(target, run.Request.WorkingDirectory);
            if (File.Exists(full))
            {
                files.Add(new ChangedFile(Path.GetRelativePath(run.WorkspaceRoot, full).Replace('\\', '/'), ChangeStatus.Modified));
                continue;
            }

            var dbt = run.Collector.Dbt?.Resolve(target) ?? [];
            if (dbt.Count > 0)
            {
                models.AddRange(dbt);
                continue;
            }

            if (Guid.TryParse(target, out _))
            {
                models.Add(Synthetic(target, null, $"Secoda id {target}"));
                ids[target] = target;
                continue;
            }

            if (target.Contains('.', StringComparison.Ordinal) && !target.Contains('/', StringComparison.Ordinal))
            {
                var table = TableName.Parse(target);
                models.Add(Synthetic(target, table, $"table {table}"));
                continue;
            }

            throw new InputException(DiagnosticCodes.UnknownTarget.Create(
                $"'{target}' is not a file, a dbt model, a Secoda id or a db.schema.table name.",
                new SourceLocation(target),
                "Pass a model path (models/marts/orders.sql), a dbt model name (orders), db.schema.table, or a Secoda id."));
        }

        if (files.Count > 0)
        {
            var mapping = await run.Collector.MapAsync(
                new ChangeSet { WorkspaceRoot = run.WorkspaceRoot, Files = [.. files], Description = "targets" }, cancellationToken).ConfigureAwait(false);
            models.AddRange(mapping.Models);
        }

        return (models.ToImmutable(), ids.ToImmutable());
    }

    private static MappedModel Synthetic(string target, TableName? table, string reason) => new()
    {
        File = target,
        Status = ChangeStatus.Modified,
        Id = target,
        Name = table?.Name ?? target,
        Table = table,
        Kind = MappingKind.Sql,
        Reason = reason,
        Line = 0,
    };
}
