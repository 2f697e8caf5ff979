using DataContracts.Contracts;
using DataContracts.Mapping;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DataContracts.Application;

/// <summary>
/// Decides which contract names a model. A <c>models</c> entry is a glob relative to the contract file
/// when it looks like a path (has a slash, a dot-extension or a wildcard), otherwise a dbt model name or
/// unique id. The first contract in file order wins, as people read the file top-down.
/// </summary>
internal sealed class ContractMatcher(ContractFile contracts, string workspaceRoot, Mapping.Dbt.DbtProject? dbt = null)
{
    private readonly Dictionary<Contract, Matcher> globs = contracts.Contracts.ToDictionary(c => c, BuildMatcher);

    // dbt resolves a name to every version of a versioned model (customers → customers.v1, .v2, .v3).
    private readonly Dictionary<Contract, HashSet<string>> dbtIds = contracts.Contracts.ToDictionary(
        c => c,
        c => c.Models.Where(e => !IsPathPattern(e)).SelectMany(e => dbt?.Resolve(e) ?? []).Select(m => m.Id).ToHashSet(StringComparer.Ordinal));

    public Contract? Match(MappedModel model) =>
        contracts.Contracts.FirstOrDefault(c => Matches(c, model));

    public IEnumerable<Contract> AllMatches(MappedModel model) =>
        contracts.Contracts.Where(c => Matches(c, model));

    /// <summary>The first contract whose path entries name this workspace-relative file, whatever the file holds.</summary>
    public Contract? MatchFile(string workspaceRelative) =>
        RelativeToContract(workspaceRelative) is { } file ? contracts.Contracts.FirstOrDefault(c => globs[c].Match(file).HasMatches) : null;

    public static bool IsPathPattern(string entry) =>
        entry.Contains('/', StringComparison.Ordinal) || entry.Contains('\\', StringComparison.Ordinal)
        || entry.Contains('*', StringComparison.Ordinal) || entry.Contains('?', StringComparison.Ordinal)
        || Path.HasExtension(entry) && !entry.StartsWith("model.", StringComparison.Ordinal) && !entry.StartsWith("seed.", StringComparison.Ordinal) && !entry.StartsWith("snapshot.", StringComparison.Ordinal);

    private bool Matches(Contract contract, MappedModel model)
    {
        if (dbtIds[contract].Contains(model.Id))
        {
            return true;
        }

        foreach (var entry in contract.Models.Where(e => !IsPathPattern(e)))
        {
            if (string.Equals(entry, model.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(entry, model.Id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var file = RelativeToContract(model.ModelFile ?? model.File);
        return file is not null && globs[contract].Match(file).HasMatches;
    }

    /// <summary>The workspace-relative path made relative to the contract file's folder; null when outside it.</summary>
    public string? RelativeToContract(string workspaceRelative)
    {
        var full = Path.GetFullPath(workspaceRelative, workspaceRoot);
        var relative = Path.GetRelativePath(contracts.Directory, full).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative;
    }

    /// <summary>A matcher for path entries, relative to the contract file's folder (a leading <c>./</c> is allowed).</summary>
    public static Matcher Glob(IEnumerable<string> entries)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var entry in entries)
        {
            var pattern = entry.Replace('\\', '/');
            matcher.AddInclude(pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern);
        }

        return matcher;
    }

    private static Matcher BuildMatcher(Contract contract) => Glob(contract.Models.Where(IsPathPattern));
}
