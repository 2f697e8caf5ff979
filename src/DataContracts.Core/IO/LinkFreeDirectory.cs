using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace DataContracts.IO;

/// <summary>
/// A folder for glob matching (contract <c>models</c> globs in <c>validate</c> and <c>snapshot</c>) that never goes
/// through a symlink, file or folder: <see cref="DirectoryInfoWrapper"/> follows them, so <c>**/*.sql</c> in a
/// repository with a link to <c>/</c> would walk the whole machine, and a link loop would walk until the path is too
/// long. Like the dbt project scan, a glob stays inside the repository.
/// </summary>
internal sealed class LinkFreeDirectory(DirectoryInfo directory) : DirectoryInfoBase
{
    public LinkFreeDirectory(string path)
        : this(new DirectoryInfo(path))
    {
    }

    public override string Name => directory.Name;

    public override string FullName => directory.FullName;

    public override DirectoryInfoBase? ParentDirectory => directory.Parent is { } parent ? new LinkFreeDirectory(parent) : null;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        List<FileSystemInfo> entries;
        try
        {
            entries = [.. directory.EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return entries.Select(e => e is DirectoryInfo d ? (FileSystemInfoBase)new LinkFreeDirectory(d) : new FileInfoWrapper((FileInfo)e));
    }

    public override DirectoryInfoBase? GetDirectory(string path)
    {
        var target = new DirectoryInfo(Path.Combine(directory.FullName, path));

        // ".." in a pattern is the pattern's own choice (the contract file's folder is not the repository root).
        if (path == "..")
        {
            return new LinkFreeDirectory(target);
        }

        return target.Exists && !target.Attributes.HasFlag(FileAttributes.ReparsePoint) ? new LinkFreeDirectory(target) : null;
    }

    public override FileInfoBase GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(directory.FullName, path)));
}
