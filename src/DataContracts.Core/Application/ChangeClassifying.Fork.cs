using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// The fork-safe pair: the head is the pull request's files as GitHub serves them (<see cref="ForkHead"/>), the base
/// is production's SQL (the state manifest the trusted workflow fetched) or else the default branch's file in the
/// checkout. Only what those texts show is compared: the fork's compiled SQL and catalog are its own word.
/// </summary>
internal static partial class ChangeClassifying
{
    private static async Task<ChangeClassification> FromForkAsync(Context context, MappedModel model, ForkHead fork, string workspaceRoot, CancellationToken cancellationToken)
    {
        var production = context.BaseFacts.GetValueOrDefault(model.Id);
        if (model.ThroughMacro || !IsOwnSqlFile(model, production))
        {
            return ChangeClassification.Unknown($"changed through {model.File}: what that renders to is said only by the fork's own manifest, which GitHub's files cannot confirm");
        }

        if (model.Table is null)
        {
            return ChangeClassification.Unknown($"{model.Name} builds no table of its own (ephemeral): what it changes is said only by the fork's compiled SQL of the models built from it");
        }

        string? headText = null;
        if (model.Status != ChangeStatus.Deleted && !fork.Files.TryGetValue(model.File, out headText))
        {
            return ChangeClassification.Unknown($"{model.File} was not read from {fork.Description}");
        }

        if (model.Status != ChangeStatus.Deleted && headText is null)
        {
            return ChangeClassification.Unknown($"{fork.Description} has no file {model.File}");
        }

        var baseText = model.Status == ChangeStatus.Added
            ? null
            : production?.RawCode ?? await ReadAsync(Path.Combine(workspaceRoot, model.OldFile ?? model.File), cancellationToken).ConfigureAwait(false);
        if (baseText is null && model.Status != ChangeStatus.Added)
        {
            return ChangeClassification.Unknown($"neither the production manifest nor the default branch's checkout has the SQL of {model.Name} to compare with");
        }

        return CompareTexts(context, model, baseText, headText, production);
    }
}
