using System.CommandLine;
using System.Text.RegularExpressions;

namespace DataContracts.Tool.Cli;

/// <summary>Turns the parser's errors into lines for people: no .NET type names, and the nearest option for a typo.</summary>
internal static partial class ParseErrors
{
    public static IEnumerable<(string Message, string? Hint)> Describe(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (var error in parse.Errors)
        {
            var message = TypeName().Replace(error.Message, string.Empty);
            var token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            yield return (message, token is null ? null : Suggest(parse.CommandResult.Command, token));
        }
    }

    /// <summary>"Did you mean" for an unknown option or command, from the names the command really has.</summary>
    private static string? Suggest(Command command, string token)
    {
        var names = token.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Select(c => c.Name);

        // The contract-key matcher compares with '_' for '-'; spell the candidates the same way.
        var byKey = names.Distinct(StringComparer.Ordinal).ToDictionary(n => n.Replace('-', '_'), StringComparer.Ordinal);
        var nearest = Contracts.KeySuggestions.Nearest(token, byKey.Keys);
        return nearest is null ? null : $"did you mean '{byKey[nearest]}'?";
    }

    // System.CommandLine names the target type ("of type 'System.Nullable`1[System.Int32]'"), which means nothing to a user.
    [GeneratedRegex(@" of type '[^']*'")]
    private static partial Regex TypeName();
}
