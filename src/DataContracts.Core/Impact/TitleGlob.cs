using System.Text.RegularExpressions;

namespace DataContracts.Impact;

/// <summary>
/// Globs over resource titles and <c>db.schema.name</c>: <c>*</c> any run of characters (slashes too,
/// since titles are not paths), <c>?</c> one character, case-insensitive.
/// </summary>
internal static class TitleGlob
{
    public static bool IsMatch(string pattern, string text) =>
        Regex.IsMatch(text, ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string ToRegex(string pattern) =>
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
}
