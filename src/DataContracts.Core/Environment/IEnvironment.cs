namespace DataContracts.Environment;

/// <summary>
/// Environment variables through a seam: tests run inside GitHub Actions too, so the product never
/// reads the process environment directly.
/// </summary>
public interface IEnvironment
{
    string? Get(string name);
}

public sealed class ProcessEnvironment : IEnvironment
{
    public static readonly ProcessEnvironment Instance = new();

    public string? Get(string name)
    {
        var value = System.Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string?> values) : IEnvironment
{
    public static readonly DictionaryEnvironment Empty = new(new Dictionary<string, string?>());

    public string? Get(string name) =>
        values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
