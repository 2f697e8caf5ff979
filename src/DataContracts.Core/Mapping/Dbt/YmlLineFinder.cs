namespace DataContracts.Mapping.Dbt;

/// <summary>
/// Finds the line of a resource's <c>- name: x</c> entry in a yml (or its <c>{% macro x</c> /
/// <c>{% snapshot x</c> block) with a cheap line scan, so annotations point at the right place.
/// Files are read at most once per mapping.
/// </summary>
internal sealed class YmlLineFinder(DbtContext context)
{
    private readonly Dictionary<string, string[]?> _cache = new(StringComparer.Ordinal);

    public async Task<int> FindNameAsync(string workspacePath, string name, CancellationToken cancellationToken)
    {
        var lines = await LinesAsync(workspacePath, cancellationToken).ConfigureAwait(false);
        if (lines is null)
        {
            return 1;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].AsSpan().Trim();
            if (line.StartsWith("- "))
            {
                line = line[2..].TrimStart();
            }

            if (line.StartsWith("name:") && Unquote(line[5..].Trim()).SequenceEqual(name))
            {
                return i + 1;
            }

            if ((line.StartsWith("{% macro ") || line.StartsWith("{%- macro ") || line.StartsWith("{% snapshot ") || line.StartsWith("{%- snapshot "))
                && line.Contains((" " + name).AsSpan(), StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 1;
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> value)
    {
        var hash = value.IndexOf(" #");
        if (hash >= 0)
        {
            value = value[..hash].TrimEnd();
        }

        return value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }

    private async Task<string[]?> LinesAsync(string workspacePath, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(workspacePath, out var cached))
        {
            return cached;
        }

        string[]? lines = null;
        try
        {
            var full = context.FullPath(workspacePath);
            if (File.Exists(full))
            {
                lines = (await IO.BoundedFile.ReadAllTextAsync(full, workspacePath, cancellationToken).ConfigureAwait(false)).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Diagnostics.InputException)
        {
            // The line is a nicety for annotations; line 1 is still a correct place.
        }

        _cache[workspacePath] = lines;
        return lines;
    }
}
