using System.Collections.Immutable;

using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary><c>owners_map</c>: a mapping of owner emails to GitHub handles. Keys are data, not settings, so they are not checked against <see cref="ContractKeys"/>.</summary>
internal sealed partial class ContractFileBinder
{
    private ImmutableDictionary<string, string> BindOwnersMap(ContractEntry entry)
    {
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if (reader.Section(entry) is not { } mapping)
        {
            return map.ToImmutable();
        }

        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar { IsNull: false } key || !OwnerHandle.IsEmail(key.Value))
            {
                // An email is personal data of the catalog's users, but the key is the user's own file: showing it helps the fix.
                var shown = keyNode is YamlTreeScalar scalar ? $"`{ContractValueReader.Shorten(scalar.Value)}`" : "not text";
                reader.Report(DiagnosticCodes.ContractInvalidOwnerMapping, $"`owners_map` key {shown} is not an email address.", keyNode,
                    "Each key is an owner's email as Secoda shows it, each value a GitHub handle, for example `\"ana@acme.com\": \"@ana\"`.");
                continue;
            }

            var email = key.Value.Trim();
            if (lines.TryGetValue(email, out var first))
            {
                reader.Report(DiagnosticCodes.ContractDuplicateKey, $"`owners_map.{ContractValueReader.Shorten(email)}` is set twice (case does not count).", key,
                    $"It is first set at line {first}. Remove one of the two.");
                continue;
            }

            lines.Add(email, key.Line);
            if (reader.Text(value, $"owners_map.{email}") is not { } text)
            {
                continue;
            }

            if (OwnerHandle.Parse(text) is null)
            {
                reader.Report(DiagnosticCodes.ContractInvalidOwnerMapping,
                    $"`owners_map.{ContractValueReader.Shorten(email)}` is `{ContractValueReader.Shorten(text)}`, which is not a GitHub handle.", value,
                    "Write `\"@login\"` for a person or `\"@org/team-slug\"` for a team, quoted because YAML reserves a leading `@`.");
                continue;
            }

            map[email] = text.Trim();
        }

        return map.ToImmutable();
    }
}
