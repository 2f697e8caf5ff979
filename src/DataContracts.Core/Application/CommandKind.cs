namespace DataContracts.Application;

/// <summary>The command a run answers. Decisions use this; <see cref="CommandKindNames.Name"/> is only for display.</summary>
internal enum CommandKind
{
    /// <summary>The changed models against their contracts.</summary>
    Check,

    /// <summary>Downstream of explicit targets, no diff: exploration, which its findings never fail.</summary>
    Impact,

    /// <summary>The contract file alone.</summary>
    Validate,

    /// <summary>A catalog snapshot for offline runs.</summary>
    Snapshot,
}

/// <summary>The commands' names as typed on the command line and as reports show them.</summary>
internal static class CommandKindNames
{
    public static string Name(this CommandKind kind) => kind switch
    {
        CommandKind.Impact => "impact",
        CommandKind.Validate => "validate",
        CommandKind.Snapshot => "snapshot",
        _ => "check",
    };
}
