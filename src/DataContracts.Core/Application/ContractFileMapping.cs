using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// The contract file is itself a mapping: a changed file that a contract names by path is checked for that
/// contract even when neither dbt nor the SQL scanner made a model of it (no dbt or sql section, a
/// select-only view body, a file type no mapper reads). With the contract's <c>table:</c> or
/// <c>secoda_id:</c> it maps there; without either it cannot be checked, which is an error naming the contract.
/// </summary>
internal static class ContractFileMapping
{
    public static (ImmutableArray<MappedModel> Models, ImmutableArray<Diagnostic> Diagnostics) Map(
        IEnumerable<ChangedFile> files, ContractMatcher matcher)
    {
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var file in files)
        {
            if (matcher.MatchFile(file.Path) is not { } contract)
            {
                continue;
            }

            if (contract.Table is null && contract.SecodaId is null)
            {
                diagnostics.Add(DiagnosticCodes.ContractedFileUnmapped.Create(
                    $"'{file.Path}' is named by contract '{contract.Name}' but maps to no table: neither dbt nor the SQL scanner made a model of it, and the contract names no table, so it cannot be checked.",
                    new SourceLocation(file.Path, 1, 1),
                    $"Add 'table: db.schema.name' or 'secoda_id:' to contract '{contract.Name}', or a dbt: or sql: section that covers this file."));
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(file.Path);
            models.Add(new MappedModel
            {
                File = file.Path,
                Status = file.Status,
                Id = $"contract:{contract.Name}:{file.Path}",
                Name = name.Length > 0 ? name : file.Path,
                ModelFile = file.Path,
                Table = contract.Table is { } table ? TableName.Parse(table) : null,
                Kind = MappingKind.Contract,
                Reason = $"file {file.Status.ToString().ToLowerInvariant()}, named by contract '{contract.Name}'",
            });
        }

        return (models.ToImmutable(), diagnostics.ToImmutable());
    }
}
