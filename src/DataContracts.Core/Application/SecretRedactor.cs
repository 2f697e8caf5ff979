using System.Collections.Immutable;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// Replaces the values of secret variables with <c>***</c> in text the tool prints or writes. A server can echo
/// the key (a <c>Location</c> or <c>next</c> link holding it), and messages quote what servers said.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>Variables that always hold secrets; the contract's <c>token_env</c> is added per run.</summary>
    public static readonly ImmutableArray<string> KnownVariables = ["GITHUB_TOKEN", "SECODA_API_TOKEN", "DBT_CLOUD_API_TOKEN"];

    private const string Mask = "***";

    // Shorter values would mask ordinary words and numbers; no real key is this short.
    private const int MinimumLength = 6;

    private readonly ImmutableArray<string> _values;

    private SecretRedactor(ImmutableArray<string> values) => _values = values;

    public static SecretRedactor For(IEnvironment environment, IEnumerable<string> variables)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in variables.Concat(KnownVariables).Distinct(StringComparer.Ordinal))
        {
            if (environment.Get(name) is not { } value)
            {
                continue;
            }

            foreach (var part in value.Split('\n').Select(p => p.Trim()).Where(p => p.Length >= MinimumLength))
            {
                values.Add(part);
                // A key in a URL arrives percent-encoded.
                values.Add(Uri.EscapeDataString(part));
            }
        }

        // Longest first, so a value that contains another is masked whole.
        return new SecretRedactor([.. values.OrderByDescending(v => v.Length)]);
    }

    /// <summary>
    /// The secret variables of a request: <see cref="KnownVariables"/> and the <c>token_env</c> its contract file
    /// names (when the file can be read), so a shell can mask them before anything runs.
    /// </summary>
    public static ImmutableArray<string> VariablesFor(CheckRequest request)
    {
        try
        {
            var contracts = Contracts.ContractFileReader.Read(ContractLocator.Locate(request.WorkingDirectory, request.ContractsPath), request.ResolveToday());
            return [.. KnownVariables.Append(contracts.Secoda.TokenEnv).Append(contracts.Dbt?.StateTokenEnv ?? "DBT_CLOUD_API_TOKEN").Distinct(StringComparer.Ordinal)];
        }
        catch (InputException)
        {
            // The check itself reports the bad file; the known variables are still masked.
            return KnownVariables;
        }
    }

    public bool IsEmpty => _values.IsEmpty;

    public string Redact(string text)
    {
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public Diagnostic Redact(Diagnostic diagnostic) => diagnostic with
    {
        Message = Redact(diagnostic.Message),
        Hint = diagnostic.Hint is null ? null : Redact(diagnostic.Hint),
        Location = diagnostic.Location is { } location ? location with { File = Redact(location.File) } : null,
    };

    /// <summary>The result with every diagnostic redacted; the verdict is unchanged.</summary>
    public CheckResult Redact(CheckResult result) =>
        IsEmpty ? result : result with { Diagnostics = [.. result.Diagnostics.Select(Redact)] };
}
