namespace DataContracts.Diagnostics;

/// <summary>SQL Server database projects (<c>sqlproj:</c>): DC5100–DC5199.</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor SqlProjUnreadable =
        new("DC5101", Severity.Error, "Database project cannot be read");

    public static readonly DiagnosticDescriptor SqlProjInvalid =
        new("DC5102", Severity.Error, "Database project is not a valid project file");

    public static readonly DiagnosticDescriptor SqlProjFileChanged =
        new("DC5103", Severity.Warning, "Database project file changed");

    public static readonly DiagnosticDescriptor SqlProjNotBuildItem =
        new("DC5104", Severity.Warning, "SQL file is not a Build item of its project");

    public static readonly DiagnosticDescriptor SqlCmdVariableUnresolved =
        new("DC5105", Severity.Error, "SQLCMD variable has no value");

    public static readonly DiagnosticDescriptor TSqlSyntaxError =
        new("DC5106", Severity.Error, "T-SQL syntax error");

    public static readonly DiagnosticDescriptor SqlProjNoObjects =
        new("DC5107", Severity.Warning, "SQL file defines no table, view, procedure or function");

    public static readonly DiagnosticDescriptor SqlCmdVariableArgument =
        new("DC5108", Severity.Error, "--sqlcmd-var is not NAME=VALUE");

    public static readonly DiagnosticDescriptor SqlProjItemNotEvaluated =
        new("DC5109", Severity.Warning, "Database project item uses an MSBuild property");
}
