using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Sql;

/// <summary>The target relations of a SQL text, and what got in the way of reading them.</summary>
internal sealed record SqlExtraction(ImmutableArray<SqlTarget> Targets, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Finds the relations a SQL script creates, alters, writes or drops. Only statement-leading keywords count:
/// text inside strings, comments, templates and parentheses (subqueries, CTE bodies) is never read as a
/// statement. Temporary tables (and later statements on them) are not targets. See docs/sql-mapping.md.
/// </summary>
internal static class SqlTargetExtractor
{
    /// <summary>The targets in source order; a table written by several statements appears once per statement.</summary>
    public static IReadOnlyList<SqlTarget> Extract(string sql, SqlDialect dialect) =>
        Analyze(sql, dialect, "<sql>").Targets;

    /// <summary>
    /// Targets plus warnings (unterminated strings or comments, names that are templated or held in variables),
    /// located in <paramref name="file"/>.
    /// </summary>
    public static SqlExtraction Analyze(string sql, SqlDialect dialect, string file)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(file);
        var tokens = SqlTokenizer.Tokenize(sql, dialect);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var token in tokens.Where(t => t.Unterminated))
        {
            diagnostics.Add(DiagnosticCodes.SqlUnterminated.Create(
                $"Unterminated {Describe(token.Kind)} in {file}: everything after it to the end of the file is read as part of it.",
                new SourceLocation(file, token.Line, token.Column),
                "Close it; statements after this point are not seen, so targets may be missing."));
        }

        var significant = tokens.Where(t => t.Kind != SqlTokenKind.Comment).ToImmutableArray();
        var scanner = new SqlStatementScanner(significant, dialect, file);
        scanner.Run();
        diagnostics.AddRange(scanner.Diagnostics);
        return new SqlExtraction(scanner.Targets.ToImmutableArray(), diagnostics.ToImmutable());
    }

    private static string Describe(SqlTokenKind kind) => kind switch
    {
        SqlTokenKind.String => "string",
        SqlTokenKind.QuotedIdentifier => "quoted name",
        SqlTokenKind.Comment => "block comment",
        _ => "template block",
    };
}
