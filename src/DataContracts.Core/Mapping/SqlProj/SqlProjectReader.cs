using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DataContracts.Diagnostics;
using DataContracts.IO;

namespace DataContracts.Mapping.SqlProj;

/// <summary>
/// Reads a <c>.sqlproj</c> as plain XML: no MSBuild evaluation, no imports, no conditions. The file comes from
/// the pull request, so it is read bounded, with DTDs and external entities refused.
/// </summary>
internal static partial class SqlProjectReader
{
    public static SqlProject Read(string fullPath, string workspaceRoot, string? databaseOverride)
    {
        var display = PathDisplay(fullPath, workspaceRoot);
        if (!File.Exists(fullPath))
        {
            throw new InputException(DiagnosticCodes.SqlProjUnreadable.Create(
                $"The database project {display} named in sqlproj.projects does not exist.",
                new SourceLocation(display),
                "Write the path of the .sqlproj relative to the contract file."));
        }

        XDocument document;
        try
        {
            var bytes = BoundedFile.ReadAllBytes(fullPath, display);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = BoundedFile.MaxTextBytes,
            };
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new InputException(DiagnosticCodes.SqlProjInvalid.Create(
                $"{display} is not well-formed XML: {ex.Message}",
                new SourceLocation(display, ex.LineNumber, ex.LinePosition),
                "Open it in an editor that checks XML, or build it once with dotnet build to see MSBuild's own message."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.SqlProjUnreadable.Create(
                $"{display} cannot be read: {ex.Message}", new SourceLocation(display), "Check that the file is readable."));
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "Project")
        {
            throw new InputException(DiagnosticCodes.SqlProjInvalid.Create(
                $"{display} is XML but not an MSBuild project: its root element is <{root?.Name.LocalName}>, not <Project>.",
                At(display, root), "sqlproj.projects lists database project files (.sqlproj)."));
        }

        return Bind(root, fullPath, display, databaseOverride);
    }

    private static SqlProject Bind(XElement root, string fullPath, string display, string? databaseOverride)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.Elements().Where(e => e.Name.LocalName == "PropertyGroup").SelectMany(g => g.Elements()))
        {
            // The last assignment wins, as in MSBuild; conditions are not evaluated (docs/sqlproj.md).
            properties[property.Name.LocalName] = property.Value.Trim();
        }

        var sdk = IsSdkStyle(root);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var items = ImmutableArray.CreateBuilder<ProjectItem>();
        var deploy = ImmutableArray.CreateBuilder<string>();
        var variables = ImmutableDictionary.CreateBuilder<string, SqlCmdVariableDeclaration>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in root.Elements().Where(e => e.Name.LocalName == "ItemGroup").SelectMany(g => g.Elements()))
        {
            var location = At(display, item);
            switch (item.Name.LocalName)
            {
                case "Build":
                    if (Item(item, location, diagnostics, display) is { } build)
                    {
                        items.Add(build);
                    }

                    break;
                case "PreDeploy" or "PostDeploy":
                    deploy.AddRange(Split(item.Attribute("Include")?.Value));
                    break;
                case "SqlCmdVariable" when item.Attribute("Include")?.Value.Trim() is { Length: > 0 } name:
                    variables[name] = new SqlCmdVariableDeclaration(
                        name,
                        Literal(Child(item, "Value")),
                        Child(item, "DefaultValue"),
                        location);
                    break;
            }
        }

        var (database, source) = databaseOverride is { Length: > 0 } given ? (given, DatabaseNameSource.Contract)
            : Literal(properties.GetValueOrDefault("TargetDatabaseName")) is { Length: > 0 } target ? (target, DatabaseNameSource.TargetDatabaseName)
            : Literal(properties.GetValueOrDefault("Name")) is { Length: > 0 } name2 ? (name2, DatabaseNameSource.Name)
            : (Path.GetFileNameWithoutExtension(fullPath), DatabaseNameSource.FileName);

        return new SqlProject
        {
            FullPath = fullPath,
            RelativePath = display,
            DatabaseName = database,
            DatabaseNameSource = source,
            IsSdkStyle = sdk,
            DefaultItems = sdk && !IsFalse(properties.GetValueOrDefault("EnableDefaultItems")) && !IsFalse(properties.GetValueOrDefault("EnableDefaultSqlItems")),
            BuildItems = items.ToImmutable(),
            DeployScripts = deploy.ToImmutable(),
            Variables = variables.ToImmutable(),
            SqlServerVersion = properties.GetValueOrDefault("DSP") is { } dsp && DspVersion().Match(dsp) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    private static ProjectItem? Item(XElement item, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics, string display)
    {
        var (action, value) = item.Attribute("Include") is { } include ? (ProjectItemAction.Include, include.Value)
            : item.Attribute("Remove") is { } remove ? (ProjectItemAction.Remove, remove.Value)
            : (ProjectItemAction.Include, (string?)null);
        if (value is null)
        {
            return null;
        }

        var patterns = Split(value);
        var usable = patterns.Where(p => !p.Contains("$(", StringComparison.Ordinal) && !p.Contains("@(", StringComparison.Ordinal)).ToImmutableArray();
        if (usable.Length < patterns.Length)
        {
            diagnostics.Add(DiagnosticCodes.SqlProjItemNotEvaluated.Create(
                $"A Build item of {display} uses an MSBuild property or item list ({Shorten(value)}); that part is not evaluated, so the files it names are not checked.",
                location,
                "Write the path or glob literally (MSBuild evaluates it the same), or name the files' tables in a contract with 'table:'."));
        }

        return new ProjectItem(action, usable, Split(item.Attribute("Exclude")?.Value), location);
    }

    private static bool IsSdkStyle(XElement root) =>
        root.Attribute("Sdk") is not null
        || root.Elements().Any(e => e.Name.LocalName == "Sdk")
        || root.Elements().Any(e => e.Name.LocalName == "Import" && (e.Attribute("Sdk")?.Value.Contains("Sql", StringComparison.OrdinalIgnoreCase) ?? false));

    private static string? Child(XElement item, string name) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>A value that is an MSBuild property reference (<c>$(SqlCmdVar__1)</c>, what SSDT writes) is no value here.</summary>
    private static string? Literal(string? value) =>
        value is { Length: > 0 } && !value.Contains("$(", StringComparison.Ordinal) ? value : null;

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static ImmutableArray<string> Split(string? value) =>
        value is null ? [] : [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Replace('\\', '/'))];

    private static SourceLocation At(string display, XObject? node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(display, info.LineNumber, info.LinePosition) : new SourceLocation(display);

    private static string PathDisplay(string fullPath, string workspaceRoot) =>
        Path.GetRelativePath(workspaceRoot, fullPath).Replace('\\', '/');

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    [GeneratedRegex(@"Sql(\d{2,3})DatabaseSchemaProvider", RegexOptions.IgnoreCase)]
    private static partial Regex DspVersion();
}
