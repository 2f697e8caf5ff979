using DataContracts.Changes;
using DataContracts.Contracts;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// Input of <see cref="SqlModelMapper.MapAsync"/>. <paramref name="WorkspaceRoot"/> and
/// <paramref name="ContractDirectory"/> are full paths; change paths are workspace-relative; the
/// <c>sql.paths</c> globs in <paramref name="Settings"/> are relative to the contract directory.
/// </summary>
internal sealed record SqlMapRequest(
    string WorkspaceRoot,
    string ContractDirectory,
    SqlSettings Settings,
    IReadOnlyList<ChangedFile> Changes,
    IBaseContentReader BaseContent)
{
    /// <summary><c>--sqlcmd-var</c> values, for <c>$(Name)</c> in T-SQL names (<c>dialect: tsql</c>).</summary>
    public IReadOnlyDictionary<string, string> SqlCmdVariables { get; init; } = new Dictionary<string, string>();
}
