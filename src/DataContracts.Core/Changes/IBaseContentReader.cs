namespace DataContracts.Changes;

/// <summary>
/// Reads a file as it was at the diff's base. Deleted and renamed models are impact sources too,
/// and their text (for <c>config(alias=…)</c> or DDL) exists only there.
/// </summary>
internal interface IBaseContentReader
{
    /// <summary>The file's text at the base, or null when it did not exist or there is no base (explicit file list).</summary>
    Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken);
}

/// <summary>For explicit file lists: there is no base to read.</summary>
internal sealed class NoBaseContent : IBaseContentReader
{
    public static readonly NoBaseContent Instance = new();

    public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
