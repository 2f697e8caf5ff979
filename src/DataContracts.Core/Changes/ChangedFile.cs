namespace DataContracts.Changes;

internal enum ChangeStatus
{
    Added,
    Modified,
    Deleted,
    Renamed,
}

/// <summary>
/// One changed file. <see cref="Path"/> is relative to the workspace root (the git top level, or the
/// contract file's folder outside git), with forward slashes. For renames <see cref="OldPath"/> is the
/// previous path: the old model's table is an impact source too.
/// </summary>
internal sealed record ChangedFile(string Path, ChangeStatus Status, string? OldPath = null)
{
    /// <summary>
    /// The file on disk cannot be read safely (a symlink leading outside the repository): mappers read it as it
    /// was at the git base or through the manifest, never from disk, and its change counts as unknown.
    /// </summary>
    public bool HeadUnreadable { get; init; }
}
