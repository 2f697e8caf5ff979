using System.Collections.Immutable;
using System.Globalization;

using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary>A key as written in a mapping: its name, where the key is, and its value node.</summary>
internal sealed record ContractEntry(string Key, string Path, YamlTreeScalar KeyNode, YamlTreeNode Value);

/// <summary>
/// Reads typed values out of <see cref="YamlTreeNode"/>s. Every problem becomes a diagnostic (never an
/// exception) and the read returns null, so the caller keeps going and the user sees every problem at once.
/// </summary>
internal sealed class ContractValueReader(string file)
{
    private readonly List<Diagnostic> diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    public bool HasErrors => diagnostics.Any(d => d.IsError);

    public SourceLocation At(YamlTreeNode node) => new(file, node.Line, node.Column);

    public void Report(DiagnosticDescriptor descriptor, string message, YamlTreeNode? node, string? hint = null) =>
        diagnostics.Add(descriptor.Create(message, node is null ? new SourceLocation(file) : At(node), hint));

    public void Report(Diagnostic diagnostic) => diagnostics.Add(diagnostic);

    /// <summary>
    /// The known keys of a mapping, first occurrence wins. Reports unknown, duplicate, secret-looking and
    /// missing required keys against the tables in <see cref="ContractKeys"/>.
    /// </summary>
    public Dictionary<string, ContractEntry> Keys(YamlTreeMapping mapping, string level, string path)
    {
        var allowed = ContractKeys.Allowed[level];
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        var known = new Dictionary<string, ContractEntry>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar key || key.IsNull)
            {
                Report(DiagnosticCodes.ContractWrongType, $"A key in {Where(path)} is not plain text.", keyNode,
                    "Keys are plain words such as `name:`; remove the `?`, braces or brackets around the key.");
                continue;
            }

            var keyPath = Join(path, key.Value);
            if (seen.TryGetValue(key.Value, out var first))
            {
                Report(DiagnosticCodes.ContractDuplicateKey, $"`{keyPath}` is set twice; YAML keeps only one of them.", key,
                    $"It is first set at line {first.Line}, column {first.Column}. Remove one of the two.");
                continue;
            }

            seen.Add(key.Value, key);
            if (allowed.Contains(key.Value, StringComparer.Ordinal))
            {
                known.Add(key.Value, new ContractEntry(key.Value, keyPath, key, value));
            }
            else if (SecretKeys.LooksLikeSecret(key.Value))
            {
                // The value is deliberately left out of the message: it may be a live credential.
                Report(DiagnosticCodes.ContractSecretInFile,
                    $"`{keyPath}` looks like an API secret written into the contract file; its value is not shown.", key,
                    "Remove the key and rotate the secret if this file was ever committed. Keep the API key in an "
                    + "environment variable and name that variable with `secoda.token_env` (default SECODA_API_TOKEN).");
            }
            else
            {
                Report(DiagnosticCodes.ContractUnknownKey, $"Unknown key `{key.Value}` in {Where(path)}.", key,
                    KeySuggestions.HintFor(key.Value, level));
            }
        }

        if (ContractKeys.Required.TryGetValue(level, out var required))
        {
            foreach (var name in required.Where(name => !seen.ContainsKey(name)))
            {
                if (name == "version")
                {
                    Report(DiagnosticCodes.ContractVersion, "The contract file has no `version`.", mapping,
                        "Add `version: 1` as the first key.");
                }
                else
                {
                    Report(DiagnosticCodes.ContractMissingKey, $"{Capitalize(Where(path))} has no `{name}`; it is required.", mapping,
                        RequiredHint(level, name));
                }
            }
        }

        return known;
    }

    /// <summary>A mapping section; an empty value (<c>dbt:</c> alone) means "present, all defaults".</summary>
    public YamlTreeMapping? Section(ContractEntry entry)
    {
        switch (entry.Value)
        {
            case YamlTreeMapping mapping:
                return mapping;
            case YamlTreeScalar scalar when scalar.IsNull:
                return new YamlTreeMapping([], scalar.Line, scalar.Column);
            case YamlTreeSequence:
                WrongType(entry, "a mapping of keys", $"`{entry.Key}` takes keys, not a list: remove the `- ` in front of its keys.");
                return null;
            default:
                WrongType(entry, "a mapping of keys", $"Put its keys on the lines below, indented, for example:\n{entry.Key}:\n  key: value");
                return null;
        }
    }

    public string? Text(ContractEntry entry) => Text(entry.Value, entry.Path);

    public string? Text(YamlTreeNode node, string path)
    {
        if (node is not YamlTreeScalar scalar)
        {
            Report(DiagnosticCodes.ContractWrongType, $"`{path}` must be a single value, but it is {Describe(node)}.", node,
                "Write one value on the same line as the key, for example `name: orders`.");
            return null;
        }

        if (scalar.IsNull || scalar.Value.Trim().Length == 0)
        {
            Report(DiagnosticCodes.ContractEmptyValue, $"`{path}` has no value.", scalar,
                "Write a value after the colon, or remove the key to use the default.");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A list of text values with the location of each; null when the node is not such a list.</summary>
    public ImmutableArray<(string Value, SourceLocation Location)>? TextList(ContractEntry entry)
    {
        if (entry.Value is not YamlTreeSequence sequence)
        {
            var example = entry.Value is YamlTreeScalar { IsNull: false } scalar
                ? $"{entry.Key}: [\"{scalar.Value}\"]"
                : $"{entry.Key}: [\"...\"]";
            WrongType(entry, "a list", $"Write it as a list, for example `{example}`, or one `- value` line per item.");
            return null;
        }

        var items = ImmutableArray.CreateBuilder<(string, SourceLocation)>();
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var text = Text(sequence.Items[i], $"{entry.Path}[{i}]");
            if (text is not null)
            {
                items.Add((text, At(sequence.Items[i])));
            }
        }

        return items.ToImmutable();
    }

    public ImmutableArray<string> Strings(ContractEntry? entry) =>
        entry is null ? [] : TextList(entry)?.Select(item => item.Value).ToImmutableArray() ?? [];

    /// <summary>One of the values in <see cref="ContractKeys.Options"/>, mapped onto <typeparamref name="T"/> by name.</summary>
    public T? Option<T>(ContractEntry entry, string optionKey)
        where T : struct, Enum
    {
        var text = Text(entry);
        if (text is null)
        {
            return null;
        }

        var allowed = ContractKeys.Options[optionKey];
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            var nearest = KeySuggestions.Nearest(text, allowed);
            var suggestion = nearest is null ? string.Empty : $"Did you mean `{nearest}`? ";
            Report(DiagnosticCodes.ContractInvalidOption, $"`{entry.Path}` is `{Shorten(text)}`, which is not an allowed value.", entry.Value,
                $"{suggestion}Allowed values: {string.Join(" | ", allowed)}.");
            return null;
        }

        return Enum.Parse<T>(text, ignoreCase: true);
    }

    public int? WholeNumber(ContractEntry entry, int minimum, int maximum = int.MaxValue)
    {
        if (entry.Value is not YamlTreeScalar { IsPlain: true } scalar
            || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            WrongType(entry, "a whole number", "Write a whole number without quotes, for example `max_depth: 10`.");
            return null;
        }

        if (number < minimum || number > maximum)
        {
            var range = maximum == int.MaxValue ? $"{minimum} or more" : $"from {minimum} to {maximum}";
            Report(DiagnosticCodes.ContractValueOutOfRange, $"`{entry.Path}` is {scalar.Value}; it must be {range}.", scalar,
                $"Write a whole number {range}, for example `{entry.Key}: 10`.");
            return null;
        }

        return (int)number;
    }

    public void WrongType(ContractEntry entry, string expected, string hint) =>
        Report(DiagnosticCodes.ContractWrongType, $"`{entry.Path}` must be {expected}, but it is {Describe(entry.Value)}.", entry.Value, hint);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static string Where(string path) => path.Length == 0 ? "the top level" : $"`{path}`";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Describe(YamlTreeNode node) => node switch
    {
        YamlTreeMapping => "a mapping of keys",
        YamlTreeSequence => "a list",
        YamlTreeScalar { IsNull: true } => "empty",
        YamlTreeScalar { IsPlain: true } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => $"the number {Shorten(s.Value)}",
        YamlTreeScalar { IsPlain: false } s => $"the quoted text \"{Shorten(s.Value)}\"",
        YamlTreeScalar s => $"the text `{Shorten(s.Value)}`",
        _ => "something else",
    };

    private static string RequiredHint(string level, string key) => (level, key) switch
    {
        (ContractKeys.ContractItem, "name") => "Give every contract a unique name, for example `name: orders`.",
        (ContractKeys.ContractItem, "models") => "List the models it covers, for example `models: [\"models/marts/orders.sql\"]` (globs relative to the contract file, or dbt model names).",
        (ContractKeys.AcknowledgementItem, "resource") => "Name the downstream resource: a title glob, `db.schema.name`, or a Secoda id.",
        (ContractKeys.AcknowledgementItem, "reason") => "Say why this consumer may be impacted, for example `reason: \"Dashboard is migrated in the same release\"`.",
        _ => $"Add `{key}:`.",
    };
}
