using System.Collections.Immutable;

namespace DataContracts.Changes;

/// <summary>What changed, where, and how to read the files as they were before.</summary>
internal sealed record ChangeSet
{
    /// <summary>Full path of the folder that changed-file paths are relative to.</summary>
    public required string WorkspaceRoot { get; init; }

    public required ImmutableArray<ChangedFile> Files { get; init; }

    /// <summary>For people: "origin/main...HEAD" or the list file's name.</summary>
    public required string Description { get; init; }

    public IBaseContentReader BaseContent { get; init; } = NoBaseContent.Instance;

    /// <summary>
    /// Null when the working tree is the change's head. Otherwise (the fork-safe pair) where the head's files are
    /// read, and a head manifest is the fork's own word about them: it is checked against them before it is used.
    /// </summary>
    public IHeadContentReader? HeadContent { get; init; }

    /// <summary>Notes about how the changes were found (for example a fallback), reported with the result.</summary>
    public ImmutableArray<DataContracts.Diagnostics.Diagnostic> Diagnostics { get; init; } = [];
}
