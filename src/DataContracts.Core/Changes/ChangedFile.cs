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
internal sealed record ChangedFile(string Path, ChangeStatus Status, string? OldPath = null);
