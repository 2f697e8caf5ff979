namespace DataContracts.Hosting;

/// <summary>
/// Environment variables through a seam: tests run inside GitHub Actions too, so the product never
/// reads the process environment directly.
/// </summary>
internal interface IEnvironment
{
    string? Get(string name);
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public static readonly ProcessEnvironment Instance = new();

    public string? Get(string name)
    {
        var value = System.Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

internal sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string?> values) : IEnvironment
{
    public static readonly DictionaryEnvironment Empty = new(new Dictionary<string, string?>());

    public string? Get(string name) =>
        values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
