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
    public static SqlExtraction Analyze(string sql, SqlDialect dialect, string file) =>
        Analyze(sql, new SqlSettings { Dialect = dialect }, file, SqlCmdVariables.FromCommandLine(ImmutableDictionary<string, string>.Empty), Severity.Error);

    /// <summary>
    /// As <see cref="Analyze(string, SqlDialect, string)"/> for <paramref name="settings"/>' dialect. T-SQL is read
    /// with Microsoft's parser, as a database project's scripts are (<see cref="TSqlScriptReader"/>): a syntax
    /// error is DC5106 with <paramref name="severity"/> (a base revision's are warnings), a SQLCMD variable
    /// without a value DC5006. Other dialects are read by the tokenizer and statement grammar.
    /// </summary>
    public static SqlExtraction Analyze(string sql, SqlSettings settings, string file, SqlCmdVariables variables, Severity severity)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(file);
        if (settings.Dialect == SqlDialect.TSql)
        {
            var facts = TSqlScriptReader.Read(sql, TSqlOptions(file, settings, variables) with { Severity = severity });
            return new SqlExtraction(
                [.. facts.Targets.Where(t => t.Resolved).Select(t => new SqlTarget(t.Name, t.Kind, t.Line, t.Column))],
                facts.Diagnostics);
        }

        var dialect = settings.Dialect;
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

    /// <summary>How a <c>sql:</c> file with <c>dialect: tsql</c> is read: the newest parser, the contract's defaults, no project.</summary>
    public static TSqlReadOptions TSqlOptions(string file, SqlSettings settings, SqlCmdVariables variables) => new(file, variables)
    {
        DefaultDatabase = string.IsNullOrWhiteSpace(settings.DefaultDatabase) ? null : settings.DefaultDatabase,
        DefaultSchema = string.IsNullOrWhiteSpace(settings.DefaultSchema) ? null : settings.DefaultSchema,
        UnresolvedVariable = DiagnosticCodes.SqlTargetUnresolved,
        SqlCmdScript = true,
    };

    private static string Describe(SqlTokenKind kind) => kind switch
    {
        SqlTokenKind.String => "string",
        SqlTokenKind.QuotedIdentifier => "quoted name",
        SqlTokenKind.Comment => "block comment",
        _ => "template block",
    };
}
