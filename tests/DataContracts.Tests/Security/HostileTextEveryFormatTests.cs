using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataContracts.Application;
using DataContracts.GitHub;
using DataContracts.Hosting;
using DataContracts.MSBuild;
using DataContracts.Reports;
using DataContracts.Tests.MSBuild;
using PrintableText = DataContracts.Text.PrintableText;

namespace DataContracts.Tests.Security;

/// <summary>
/// One hostile string in every untrusted field of a result, rendered in every output: no line (split where a
/// runner splits) is a workflow command other than the tool's own annotations, no control or bidirectional
/// character is left, and the key never shows.
/// </summary>
public partial class HostileTextEveryFormatTests
{
    private const string Secret = HostileResults.Secret;

    public static TheoryData<string> Formats =>
    [
        "text", "text-colour", "json", "markdown", "github", "msbuild", "sarif", "junit",
        "job-summary", "comment", "comment-cut", "comment-resolved", "commit-status",
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var format in Formats)
        {
            foreach (var layout in HostileResults.Layouts)
            {
                cases.Add(format, layout);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoFieldStartsACommandCarriesAControlOrShowsTheKey(string format, string layout) =>
        AssertSafe(format, layout, Render(format, Redacted(HostileResults.For(layout))));

    /// <summary>The hostile text is shown, as data on the tool's own lines, without controls and without the key.</summary>
    internal static void AssertSafe(string format, string layout, string output)
    {
        // The hostile text is shown, so the assertions below are about it (a commit status is too short for all of it).
        if (format is not ("commit-status" or "comment-resolved") || layout == "snapshot")
        {
            Assert.Contains(format == "commit-status" ? "evil" : "INJECTED", output, StringComparison.Ordinal);
        }

        foreach (var line in RunnerLines().Split(output))
        {
            var text = line.TrimStart();
            if (text.StartsWith("::", StringComparison.Ordinal) || text.StartsWith("##[", StringComparison.Ordinal))
            {
                Assert.True(format == "github" && OwnAnnotation().IsMatch(text), $"{format}/{layout}: a workflow command: {text}");
            }
        }

        var visible = format == "text-colour" ? Colour().Replace(output, string.Empty) : output;
        Assert.DoesNotContain(visible, c => (char.IsControl(c) && c != '\n') || PrintableText.IsLineBreak(c) && c != '\n' || PrintableText.IsBidiControl(c));

        // Markdown puts a backslash before punctuation ("sk\-live"), URLs percent-encode: the key is in neither form.
        Assert.DoesNotContain(Secret, output.Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Secret), output, StringComparison.Ordinal);
        Assert.DoesNotContain("3b9d0c7e1a2f4855", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void JsonFormatsKeepTheExactTextEscaped(string format)
    {
        var output = Render(format, Redacted(HostileResults.Plain()));

        var report = JsonNode.Parse(output)!;
        if (format == "json")
        {
            var title = report["impacts"]![0]!["downstream"]![0]!["title"]!.GetValue<string>();
            Assert.Equal(HostileResults.H("title d-1").Replace(Secret, "***", StringComparison.Ordinal), title);
        }
        else
        {
            var message = report["runs"]![0]!["results"]![0]!["message"]!["text"]!.GetValue<string>();
            Assert.StartsWith(HostileResults.H("message").Replace(Secret, "***", StringComparison.Ordinal), message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(HostileResults.Layouts), MemberType = typeof(HostileResults))]
    public void TheHostileResultsFillEveryTextAResultHoldsAndRedactionReachesEachOne(string layout)
    {
        var result = HostileResults.For(layout);

        // A new text field of a result is filled here, or this fails: the theory above then covers it in every format.
        var strings = HostileResults.Strings(result).Where(s => !HostileResults.Trusted.Contains(s.Field)).ToList();
        Assert.True(strings.Count > 50, $"only {strings.Count} strings found");
        Assert.All(strings, s => Assert.True(s.Value?.Contains(HostileResults.Hostile, StringComparison.Ordinal) == true, $"{s.Field} is not filled with the hostile text"));

        var redacted = HostileResults.Strings(Redacted(result)).ToList();
        Assert.True(redacted.Count >= strings.Count, $"only {redacted.Count} strings after redaction");
        Assert.All(redacted, s => Assert.DoesNotContain(Secret, s.Value ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void AKeySplitByCharactersTheReportsDropIsMaskedToo()
    {
        var split = "title sk-live-3b9d\u202E0c7e\u001b[0m1a2f4855";

        Assert.Equal("title ***", Redactor().Redact(split));
    }

    internal static CheckResult Redacted(CheckResult result) => Redactor().Redact(result);

    private static SecretRedactor Redactor() =>
        SecretRedactor.For(new DictionaryEnvironment(new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = Secret }), []);

    private static string Render(string format, CheckResult result) => format switch
    {
        "text" => TextReport.Render(result, color: false, "/repo", detailed: true),
        "text-colour" => TextReport.Render(result, color: true, "/repo", detailed: true),
        "json" => JsonReport.Render(result),
        "markdown" or "job-summary" => MarkdownReport.Render(result),
        "github" => GitHubAnnotations.Render(result) + TextReport.Render(result, color: false, "/repo"),
        "msbuild" => MsBuildReport.Render(result),
        "sarif" => SarifReport.Render(result, "1.0.0"),
        "junit" => JUnitReport.Render(result, DateTimeOffset.UnixEpoch),
        "comment" => StickyComment.RenderReport(result, new CommentOptions { RunUrl = new Uri("https://github.com/o/r/actions/runs/1"), HeadSha = "0123456789abcdef" }),
        "comment-cut" => StickyComment.RenderReport(result, new CommentOptions { MaxLength = 3_000 }),
        "comment-resolved" => StickyComment.RenderResolved(result, new CommentOptions()),
        "commit-status" => CommitStatus.For(result, null).Description,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex RunnerLines();

    [GeneratedRegex(@"^::(error|warning) (file=[^:,]*,(line=\d+,col=\d+,)?)?title=DC\d{4} DataContracts::")]
    private static partial Regex OwnAnnotation();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Colour();
}

/// <summary>The MSBuild task logs the report's messages through the same sanitiser (in the MSBuild collection: it loads MSBuild).</summary>
[Collection(MSBuildCollection.Name)]
public class HostileTextMSBuildTaskTests
{
    [Theory]
    [MemberData(nameof(HostileResults.Layouts), MemberType = typeof(HostileResults))]
    public void TheTaskLogsNoCommandNoControlAndNoKey(string layout) =>
        HostileTextEveryFormatTests.AssertSafe("msbuild-task", layout, LoggedByTheTask(HostileTextEveryFormatTests.Redacted(HostileResults.For(layout))));

    /// <summary>What the MSBuild task logs from the JSON report the CLI wrote.</summary>
    private static string LoggedByTheTask(CheckResult result)
    {
        using var folder = new TempFolder();
        folder.Write("report.json", JsonReport.Render(result));
        var report = CheckReport.TryRead(folder.Combine("report.json"), out var problem) ?? throw new InvalidOperationException(problem);
        var engine = new MockEngine(folder.Combine("Warehouse.csproj"));
        new DataContractsCheck { BuildEngine = engine, WorkingDirectory = folder.Path }.LogReport(report);
        return engine.Log;
    }
}
