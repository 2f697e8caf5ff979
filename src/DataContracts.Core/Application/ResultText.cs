using System.Collections.Immutable;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Application;

/// <summary>
/// Every text of a result that any report renders, mapped by one function (the secret redactor's): catalog
/// titles, owners, URLs and ids, column names, reasons, file names, contract names, diagnostics. Only diagnostic
/// codes, the tool's own, stay as they are. A test walks every string a result holds, so a new
/// field cannot be left out unnoticed.
/// </summary>
internal static class ResultText
{
    public static CheckResult Map(CheckResult result, Func<string, string> map)
    {
        string? Text(string? value) => value is null ? null : map(value);
        ImmutableArray<string> All(ImmutableArray<string> values) => values.IsDefault ? values : [.. values.Select(map)];
        ChangeClassification? Classification(ChangeClassification? c) => c is null ? null : c with
        {
            ColumnChanges = [.. c.ColumnChanges.Select(cc => cc with { Column = map(cc.Column), Before = Text(cc.Before), After = Text(cc.After) })],
            Reasons = c.Reasons.IsDefault ? c.Reasons : [.. c.Reasons.Select(r => r with { Text = map(r.Text) })],
        };

        return result with
        {
            WorkspaceRoot = map(result.WorkspaceRoot),
            ContractFile = Text(result.ContractFile),
            CatalogSource = Text(result.CatalogSource),
            Artifacts = result.Artifacts with
            {
                Manifest = Text(result.Artifacts.Manifest),
                State = Text(result.Artifacts.State),
                StateDetail = Text(result.Artifacts.StateDetail),
            },
            OwnersMap = result.OwnersMap.Aggregate(
                ImmutableDictionary.Create<string, string>(result.OwnersMap.KeyComparer, result.OwnersMap.ValueComparer),
                (mapped, pair) => mapped.SetItem(map(pair.Key), map(pair.Value))),
            Changes = [.. result.Changes.Select(c => c with
            {
                File = map(c.File),
                OldFile = Text(c.OldFile),
                Models = All(c.Models),
                Table = Text(c.Table),
                SecodaId = Text(c.SecodaId),
                Contract = Text(c.Contract),
                Reason = Text(c.Reason),
                Classification = Classification(c.Classification),
                DownstreamOf = All(c.DownstreamOf),
            })],
            Impacts = [.. result.Impacts.Select(i => i with
            {
                Source = i.Source with
                {
                    Table = Text(i.Source.Table),
                    SecodaId = Text(i.Source.SecodaId),
                    Contract = Text(i.Source.Contract),
                    Models = All(i.Source.Models),
                    Reason = Text(i.Source.Reason),
                    File = map(i.Source.File),
                    Owners = All(i.Source.Owners),
                    Classification = Classification(i.Source.Classification),
                },
                Downstream = [.. i.Downstream.Select(d => d with
                {
                    Id = map(d.Id),
                    Title = map(d.Title),
                    Type = map(d.Type),
                    NativeType = Text(d.NativeType),
                    Url = Text(d.Url),
                    Via = All(d.Via),
                    AcknowledgedReason = Text(d.AcknowledgedReason),
                    Owners = All(d.Owners),
                    FullName = Text(d.FullName),
                })],
                Columns = i.Columns is { } columns ? columns with
                {
                    Broken = [.. columns.Broken.Select(b => b with { Column = map(b.Column), Readers = All(b.Readers) })],
                    Unknown = Text(columns.Unknown),
                } : null,
            })],
            Diagnostics = [.. result.Diagnostics.Select(d => Map(d, map))],
            Coverage = result.Coverage with
            {
                Checked = All(result.Coverage.Checked),
                Unchecked = All(result.Coverage.Unchecked),
                Unfinished = All(result.Coverage.Unfinished),
            },
        };
    }

    public static Diagnostic Map(Diagnostic diagnostic, Func<string, string> map) => diagnostic with
    {
        Message = map(diagnostic.Message),
        Hint = diagnostic.Hint is null ? null : map(diagnostic.Hint),
        Location = diagnostic.Location is { } location ? location with { File = map(location.File) } : null,
    };
}
