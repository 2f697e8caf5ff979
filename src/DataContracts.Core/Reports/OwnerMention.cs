using DataContracts.Contracts;

namespace DataContracts.Reports;

/// <summary>
/// An owner shown as a real GitHub mention: only when the report was asked to mention (opt-in), and only for
/// an owner that <c>owners_map</c> maps to a well-formed handle. Everything else stays escaped text.
/// </summary>
internal static class OwnerMention
{
    public static string? Cell(string owner, IReadOnlyDictionary<string, string>? mentions) =>
        mentions is not null && mentions.TryGetValue(owner.Trim(), out var handle) && OwnerHandle.Parse(handle) is { } parsed
            ? parsed.ToString()
            : null;
}
