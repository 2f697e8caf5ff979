using System.Collections.Immutable;

namespace DataContracts.Reports;

/// <summary>The format a result is rendered in on standard output.</summary>
internal enum OutputFormat
{
    Text,
    Json,
    Markdown,
    GitHub,
    MSBuild,
    Sarif,
    JUnit,
}

/// <summary>How much the text format prints.</summary>
internal enum Verbosity
{
    Quiet,
    Normal,
    Detailed,
}

/// <summary>The names the command line and the MSBuild task spell formats and verbosities with: the one place they map to the enums.</summary>
internal static class OutputNames
{
    /// <summary>Every format by its command-line name, in the order help lists them.</summary>
    public static readonly ImmutableArray<(string Name, OutputFormat Format)> Formats =
    [
        ("text", OutputFormat.Text),
        ("json", OutputFormat.Json),
        ("markdown", OutputFormat.Markdown),
        ("github", OutputFormat.GitHub),
        ("msbuild", OutputFormat.MSBuild),
        ("sarif", OutputFormat.Sarif),
        ("junit", OutputFormat.JUnit),
    ];

    /// <summary>Every verbosity by its command-line names, short ones included.</summary>
    public static readonly ImmutableArray<(string Name, Verbosity Verbosity)> Verbosities =
    [
        ("quiet", Verbosity.Quiet),
        ("normal", Verbosity.Normal),
        ("detailed", Verbosity.Detailed),
        ("q", Verbosity.Quiet),
        ("n", Verbosity.Normal),
        ("d", Verbosity.Detailed),
    ];

    /// <summary>The format a name stands for; the command line accepts only the names of <see cref="Formats"/>.</summary>
    public static OutputFormat FormatOf(string name) =>
        Formats.Where(f => string.Equals(f.Name, name, StringComparison.Ordinal)).Select(f => f.Format).FirstOrDefault(OutputFormat.Text);

    public static string Name(this OutputFormat format) => Formats.First(f => f.Format == format).Name;

    public static Verbosity VerbosityOf(string name) =>
        Verbosities.Where(v => string.Equals(v.Name, name, StringComparison.Ordinal)).Select(v => v.Verbosity).FirstOrDefault(Verbosity.Normal);
}
