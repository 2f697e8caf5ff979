using System.Text;
using System.Text.RegularExpressions;

using DataContracts.Diagnostics;

using YamlDotNet.Core;

namespace DataContracts.Contracts;

/// <summary>
/// Reads and validates a v1 contract file (<c>datacontracts.yml</c>). Every problem found is reported at
/// once, as one <see cref="InputException"/> whose diagnostics carry file, line and column.
/// </summary>
internal static partial class ContractFileReader
{
    /// <summary>The file name looked for when no contract file is named.</summary>
    public const string DefaultFileName = "datacontracts.yml";

    /// <summary>Reads the file at <paramref name="path"/>. Throws <see cref="InputException"/> on any error.</summary>
    /// <param name="path">The contract file, absolute or relative to the current folder.</param>
    /// <param name="today">The date acknowledgements are checked against (expired ones produce a warning).</param>
    public static ContractFile Read(string path, DateOnly today)
    {
        var display = DisplayPath(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw Fail(DiagnosticCodes.ContractFileNotFound, $"{display} is a folder, not a contract file.", display,
                $"Point to the file itself, for example {Path.Combine(display, DefaultFileName)}.");
        }

        if (!File.Exists(fullPath))
        {
            throw Fail(DiagnosticCodes.ContractFileNotFound, $"Contract file {display} does not exist.", display,
                $"Create {DefaultFileName} (see docs/contract-file.md) or pass the right file with --contracts FILE.");
        }

        byte[] bytes;
        try
        {
            bytes = IO.BoundedFile.ReadAllBytes(fullPath, display);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(DiagnosticCodes.ContractFileUnreadable, $"Contract file {display} cannot be read: {e.Message}", display,
                "Check that the file is readable by this user and not locked by another program.");
        }

        return Parse(Decode(bytes, display), path, today);
    }

    /// <summary>Parses contract file text. <paramref name="path"/> names the file in diagnostics and becomes <see cref="ContractFile.Path"/> (made absolute).</summary>
    public static ContractFile Parse(string yamlText, string path, DateOnly today)
    {
        var display = DisplayPath(path);
        var fullPath = Path.GetFullPath(path);
        YamlTreeDocument document;
        try
        {
            document = YamlTreeLoader.Load(yamlText);
        }
        catch (YamlException e)
        {
            throw new InputException(SyntaxError(e, yamlText, display));
        }

        var reader = new ContractValueReader(display);
        ContractFile? file = null;
        if (document.Documents.Length == 0 || document.Documents[0] is YamlTreeScalar { IsNull: true })
        {
            reader.Report(DiagnosticCodes.ContractFileEmpty, $"Contract file {display} is empty.", null,
                "Start it with `version: 1` and list your contracts under `contracts:` (see docs/contract-file.md).");
        }
        else if (document.Documents[0] is not YamlTreeMapping root)
        {
            reader.Report(DiagnosticCodes.ContractWrongType, "The contract file must be a mapping of keys (version, contracts, ...), but its top level is a "
                + (document.Documents[0] is YamlTreeSequence ? "list." : "single value."), document.Documents[0],
                "Start the file with `version: 1` on its own line, with no `- ` in front.");
        }
        else
        {
            file = new ContractFileBinder(reader, today).Bind(root, fullPath);
        }

        if (document.Documents.Length > 1)
        {
            reader.Report(DiagnosticCodes.ContractMultipleDocuments, $"Contract file {display} holds {document.Documents.Length} YAML documents; only one is allowed.",
                document.Documents[1], "Remove the `---` separator and merge the documents into one.");
        }

        var diagnostics = reader.Diagnostics
            .Select((d, index) => (d, index))
            .OrderBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.d.Location?.Column ?? 0)
            .ThenBy(x => x.index)
            .Select(x => x.d)
            .ToArray();
        if (file is null || reader.HasErrors)
        {
            throw new InputException(diagnostics);
        }

        return file with { Diagnostics = [.. diagnostics] };
    }

    /// <summary>The path as the user would recognise it: as given when relative, else relative to the current folder when inside it.</summary>
    internal static string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Decode(byte[] bytes, string display)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            throw Fail(DiagnosticCodes.ContractFileNotText, $"Contract file {display} is UTF-16 text; it must be UTF-8.", display,
                "Save the file as UTF-8 (most editors offer the encoding in their save dialog or status bar).");
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw Fail(DiagnosticCodes.ContractFileNotText, $"Contract file {display} looks binary (it contains NUL bytes), not YAML text.", display,
                "Check that --contracts names the YAML contract file and not another file.");
        }

        try
        {
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(DiagnosticCodes.ContractFileNotText, $"Contract file {display} is not valid UTF-8 text.", display,
                "Save the file as UTF-8; it may be in a legacy encoding such as Windows-1252 or Latin-1.");
        }
    }

    private static Diagnostic SyntaxError(YamlException e, string text, string display)
    {
        // YamlDotNet prefixes the message with both marks; the location already carries them.
        var message = MarkPrefix().Replace(e.Message, string.Empty);
        var line = (int)e.Start.Line;
        var column = (int)e.Start.Column;
        var hint = "Check the indentation and quoting near this position; values containing `: ` or starting with `*`, `&`, `{` or `[` need quotes.";
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
        {
            // The scanner reports a tab at the start of the enclosing mapping; point at the tab itself.
            (line, column) = tab;
            hint = "YAML indentation must use spaces, not tabs: replace the tab with spaces.";
        }

        return DiagnosticCodes.ContractYamlSyntax.Create($"The contract file is not valid YAML: {message}",
            new SourceLocation(display, line, column), hint);
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static InputException Fail(DiagnosticDescriptor descriptor, string message, string display, string hint) =>
        new(descriptor.Create(message, new SourceLocation(display), hint));

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
