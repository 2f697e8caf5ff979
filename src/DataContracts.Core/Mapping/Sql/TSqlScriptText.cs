using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace DataContracts.Mapping.Sql;

/// <summary>
/// A T-SQL file made ready for Microsoft's parser, which knows T-SQL but not SQLCMD: each unbracketed
/// <c>$(Name)</c> becomes the quoted name <c>[$Name]</c> of the same length and <c>GO 5</c> becomes <c>GO</c>, so
/// every line and column stays where the user sees it. In a script sqlcmd runs, each line that is a SQLCMD command
/// (<c>:setvar</c>, <c>:r</c>, <c>:on error exit</c>, <c>!!</c>) is blanked too, and <c>:setvar Name Value</c>
/// values are kept: they are the script's own variable values.
/// </summary>
internal sealed partial record TSqlScriptText(string Text, ImmutableHashSet<string> Substituted, ImmutableDictionary<string, string> SetVariables)
{
    public static TSqlScriptText Prepare(string text, bool sqlCmdScript)
    {
        var set = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var blanked = !sqlCmdScript ? text : SqlCmdCommand().Replace(text, m =>
        {
            if (SetVar().Match(m.Value) is { Success: true } setvar)
            {
                var value = setvar.Groups[2].Value;
                set[setvar.Groups[1].Value] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : value;
            }

            return new string(' ', m.Value.Length);
        });

        // sqlcmd's "GO 5" runs the batch five times; the parser knows only "GO".
        blanked = GoCount().Replace(blanked, m => new string(' ', m.Length));
        var substituted = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
        var prepared = BareVariable().Replace(blanked, m =>
        {
            substituted.Add(m.Groups[1].Value);
            return new StringBuilder(m.Length).Append("[$").Append(m.Groups[1].Value).Append(']').ToString();
        });

        return new TSqlScriptText(prepared, substituted.ToImmutable(), set.ToImmutable());
    }

    /// <summary>A SQLCMD command: <c>:</c> and a word, or <c>!!</c>, first on its line (to the line's end, not its line break).</summary>
    [GeneratedRegex(@"^[ \t]*(?::[A-Za-z]|!!)[^\r\n]*", RegexOptions.Multiline)]
    private static partial Regex SqlCmdCommand();

    [GeneratedRegex(@"^[ \t]*:setvar[ \t]+([A-Za-z_][A-Za-z0-9_-]*)[ \t]+(""(?:[^""]|"""")*""|\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex SetVar();

    [GeneratedRegex(@"(?<=^[ \t]*GO)[ \t]+[0-9]+(?=[ \t]*(?:--[^\r\n]*)?\r?$)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoCount();

    [GeneratedRegex(@"(?<!\[)\$\(([A-Za-z_][A-Za-z0-9_-]*)\)")]
    private static partial Regex BareVariable();
}
