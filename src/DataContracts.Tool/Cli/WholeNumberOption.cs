using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DataContracts.Tool.Cli;

/// <summary>
/// Whole-number options checked at parse time. A value out of range never reaches the core: a negative
/// depth or a zero timeout would otherwise weaken the check without anyone noticing.
/// </summary>
internal static class WholeNumberOption
{
    public static Option<int?> Create(string name, int minimum, int maximum, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse(result, name, minimum, maximum),
    };

    private static int? Parse(ArgumentResult result, string name, int minimum, int maximum)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} takes a whole number from {minimum} to {maximum}, not '{text}'.");
            return null;
        }

        if (value < minimum || value > maximum)
        {
            result.AddError($"{name} must be from {minimum} to {maximum}; {value} is out of range.");
            return null;
        }

        return value;
    }
}
