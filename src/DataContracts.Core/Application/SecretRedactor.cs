using System.Collections.Immutable;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// Replaces the values of secret variables with <c>***</c> in text the tool prints or writes. A server can echo
/// the key (a <c>Location</c> or <c>next</c> link holding it), messages quote what servers said, and catalog
/// text (a title, an owner) can hold a key someone pasted.
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
    /// The secret variables of a request, so a shell can mask them before anything runs: <see cref="KnownVariables"/>
    /// and the <c>token_env</c> of the contract file. In CI that is the base's <c>token_env</c> (as for sending the
    /// key, <see cref="TrustedSecodaSettings"/>): the pull request's copy could otherwise name any variable and have
    /// its value masked, which hides that word everywhere in the job's log.
    /// </summary>
    public static async Task<ImmutableArray<string>> VariablesForAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var contracts = Contracts.ContractFileReader.Read(ContractLocator.Locate(request.WorkingDirectory, request.ContractsPath), request.ResolveToday());
            var trusted = TrustedSecodaSettings.IsCi(request.Environment)
                ? await BaseContractFile.ReadAsync(request, contracts, cancellationToken).ConfigureAwait(false)
                : contracts;
            var tokenEnv = trusted?.Secoda.TokenEnv ?? new Contracts.SecodaSettings().TokenEnv;
            return [.. KnownVariables.Append(tokenEnv).Append(trusted?.Dbt?.StateTokenEnv ?? "DBT_CLOUD_API_TOKEN").Distinct(StringComparer.Ordinal)];
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
        var redacted = Replace(text);

        // A key split by characters every report drops (a bidi mark, an escape sequence) would show again once
        // they are gone: such a value is kept in its printable form, masked.
        var printable = Text.PrintableText.Value(redacted);
        return ReferenceEquals(printable, redacted) || Replace(printable) == printable ? redacted : Replace(printable);
    }

    private string Replace(string text)
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

    public Diagnostic Redact(Diagnostic diagnostic) => ResultText.Map(diagnostic, Redact);

    /// <summary>
    /// The result with every text any report renders redacted (<see cref="ResultText"/>): a key echoed in a
    /// catalog title, owner or URL is masked in the JSON report, every printed format, the job summary, the
    /// comment and the commit status alike. The verdict is unchanged.
    /// </summary>
    public CheckResult Redact(CheckResult result) => IsEmpty ? result : ResultText.Map(result, Redact);
}
