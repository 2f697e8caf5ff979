using System.Text.Json;

namespace DataContracts.MSBuild;

/// <summary>One diagnostic of the CLI's JSON report (version 1), as the task needs it.</summary>
internal sealed record ReportDiagnostic(string Code, string Severity, string Message, string? Hint, string? File, int Line, int Column);

/// <summary>The parts of the CLI's JSON report (docs/report.md) that become MSBuild errors and warnings.</summary>
internal sealed record CheckReport(string Result, string? ContractFile, IReadOnlyList<ReportDiagnostic> Diagnostics)
{
    /// <summary>The report's own <c>workspaceRoot</c>: the folder every path in it is relative to.</summary>
    public string? ReportedWorkspaceRoot { get; init; }

    /// <summary>The report as the CLI wrote it, handed on whole to the projects that share the check.</summary>
    public string Json { get; init; } = string.Empty;

    /// <summary>Reads the report; null with a reason when it is missing or not a version-1 report.</summary>
    public static CheckReport? TryRead(string path, out string? problem)
    {
        problem = null;
        if (!System.IO.File.Exists(path))
        {
            problem = "no report was written";
            return null;
        }

        try
        {
            var text = System.IO.File.ReadAllText(path);
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                problem = "the report is not a version 1 DataContracts report";
                return null;
            }

            var diagnostics = new List<ReportDiagnostic>();
            if (root.TryGetProperty("diagnostics", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    diagnostics.Add(new ReportDiagnostic(
                        Text(item, "code") ?? "DC0000",
                        Text(item, "severity") ?? "error",
                        Text(item, "message") ?? string.Empty,
                        Text(item, "hint"),
                        Text(item, "file"),
                        Number(item, "line"),
                        Number(item, "column")));
                }
            }

            return new CheckReport(Text(root, "result") ?? "error", Text(root, "contractFile"), diagnostics)
            {
                ReportedWorkspaceRoot = Text(root, "workspaceRoot"),
                Json = text,
            };
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            problem = "the report could not be read: " + e.Message;
            return null;
        }
    }

    /// <summary>
    /// The folder that report paths are relative to: the report says so in <c>workspaceRoot</c>. Reports
    /// of older tools lack it; then the contract file, which they name relative to that folder, gives it
    /// (the task knows its full path, so the difference between the two is the root), else its folder.
    /// </summary>
    public string WorkspaceRoot(string contractFullPath)
    {
        if (ReportedWorkspaceRoot is { Length: > 0 } reported && Path.IsPathRooted(reported))
        {
            return reported;
        }

        var full = Path.GetFullPath(contractFullPath);
        if (ContractFile is { Length: > 0 } relative && !Path.IsPathRooted(relative))
        {
            var suffix = relative.Replace('/', Path.DirectorySeparatorChar);
            var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (full.EndsWith(Path.DirectorySeparatorChar + suffix, comparison))
            {
                return full[..^suffix.Length];
            }
        }

        return Path.GetDirectoryName(full) ?? full;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}
