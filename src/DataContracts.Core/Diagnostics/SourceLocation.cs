namespace DataContracts.Diagnostics;

/// <summary>
/// Where a problem is. <see cref="File"/> is the path as the user wrote or would recognise it
/// (relative to the working folder when possible); line and column are 1-based, 0 when unknown.
/// </summary>
internal sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
}
