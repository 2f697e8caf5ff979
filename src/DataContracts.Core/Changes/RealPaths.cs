namespace DataContracts.Changes;

/// <summary>
/// Resolves every symlink on a path, in time linear in its length and cancellably: a changed-files line with
/// 200,000 segments must not hold the run. Once a part does not exist, nothing below it can be a link, so the
/// rest is appended in one step instead of being asked about part by part (which made long paths quadratic); and
/// like the kernel, at most <see cref="MaxLinks"/> links are followed on one path, so a link to its own folder
/// repeated a thousand times costs no more than forty.
/// </summary>
internal sealed class RealPaths(CancellationToken cancellationToken)
{
    /// <summary>Linux's own limit (MAXSYMLINKS) on links followed while resolving one path.</summary>
    public const int MaxLinks = 40;

    /// <summary>File system questions asked so far (for tests of the work done, which must not grow with the square of the path).</summary>
    public int Probes { get; private set; }

    /// <summary>The path with every symlink on the way resolved (parts that do not exist are kept as written); null for a link loop, too many links, or an unreadable link.</summary>
    public string? Resolve(string fullPath)
    {
        var current = Path.GetPathRoot(fullPath)!;
        var remaining = new Stack<string>(Parts(fullPath, current).Reverse());
        var links = 0;
        while (remaining.TryPop(out var part))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = Path.Combine(current, part);
            try
            {
                Probes++;
                var info = new FileInfo(next);
                if (info.LinkTarget is { } target)
                {
                    // Like the kernel: go on from the link's target, whose own parts may be links too.
                    if (++links > MaxLinks)
                    {
                        return null;
                    }

                    var resolved = Path.GetFullPath(target, current);
                    current = Path.GetPathRoot(resolved)!;
                    foreach (var targetPart in Parts(resolved, current).Reverse())
                    {
                        remaining.Push(targetPart);
                    }

                    continue;
                }

                if (!info.Exists && !Directory.Exists(next))
                {
                    // Nothing below a part that does not exist can be a link: the rest is kept as written, in one step.
                    Probes++;
                    return remaining.Count == 0 ? next : Path.Join(next, string.Join(Path.DirectorySeparatorChar, remaining));
                }

                Probes++;
            }
            catch (IOException)
            {
                // An unreadable link leads nowhere inside.
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static string[] Parts(string fullPath, string root) =>
        fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
