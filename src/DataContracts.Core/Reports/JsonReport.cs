using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// The JSON report, schema version 1 (docs/report.md, schemas/report.schema.json). Built field by field
/// rather than by serializing internal records, so renaming a C# property can never change the contract.
/// </summary>
internal static partial class JsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as printed and written: exact values, with control and bidirectional characters escaped (<see cref="PrintableText.Json"/>).</summary>
    public static string Render(CheckResult result) => PrintableText.Json(Build(result).ToJsonString(Options)) + "\n";

    public static JsonObject Build(CheckResult result) => AddColumns(result, new()
    {
        ["version"] = SchemaVersion,
        ["result"] = Lower(result.Outcome),
        ["contractFile"] = result.ContractFile,
        ["workspaceRoot"] = result.WorkspaceRoot,
        ["catalog"] = result.CatalogSource,
        ["artifacts"] = Artifacts(result.Artifacts),
        ["changes"] = new JsonArray([.. result.Changes.Select(c => (JsonNode)WithClassification(new JsonObject
        {
            ["file"] = c.File,
            ["status"] = Lower(c.Status),
            ["oldFile"] = c.OldFile,
            ["models"] = Strings(c.Models),
            ["table"] = c.Table,
            ["secodaId"] = c.SecodaId,
            ["contract"] = c.Contract,
            ["reason"] = c.Reason,
        }, c))]),
        ["impacts"] = new JsonArray([.. result.Impacts.Select(i => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject
            {
                ["table"] = i.Source.Table,
                ["secodaId"] = i.Source.SecodaId,
                ["contract"] = i.Source.Contract,
                ["models"] = Strings(i.Source.Models),
                ["file"] = i.Source.File,
                ["reason"] = i.Source.Reason,
                ["line"] = i.Source.Line,
                ["owners"] = Strings(i.Source.Owners),
            },
            ["verdict"] = Lower(i.Verdict),
            ["classification"] = i.Source.Classification is { } k ? ClassName(k.Class) : null,
            ["downstream"] = new JsonArray([.. i.Downstream.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id,
                ["title"] = d.Title,
                ["type"] = d.Type,
                ["nativeType"] = d.NativeType,
                ["url"] = d.Url,
                ["depth"] = d.Depth,
                ["via"] = Strings(d.Via),
                ["acknowledged"] = d.Acknowledged,
                ["acknowledgedReason"] = d.AcknowledgedReason,
                ["ignored"] = d.Ignored,
                ["owners"] = Strings(d.Owners),
                ["origin"] = OriginName(d.Origin),
                ["changedHere"] = d.ChangedHere,
                ["deletedHere"] = d.DeletedHere,
            })]),
        })]),
        ["diagnostics"] = new JsonArray([.. result.Diagnostics.Select(d => (JsonNode)new JsonObject
        {
            ["code"] = d.Code,
            ["severity"] = Lower(d.Severity),
            ["message"] = d.Message,
            ["file"] = d.Location?.File,
            ["line"] = d.Location is { Line: > 0 } l ? l.Line : null,
            ["column"] = d.Location is { Line: > 0 } c ? Math.Max(c.Column, 1) : null,
            ["hint"] = d.Hint,
        })]),
        ["coverage"] = new JsonObject
        {
            ["complete"] = result.Coverage.IsComplete,
            ["checked"] = Strings(result.Coverage.Checked),
            ["unchecked"] = Strings(result.Coverage.Unchecked),
            ["truncated"] = result.Coverage.Truncated,
            ["unfinished"] = Strings(result.Coverage.Unfinished),
        },
        ["stats"] = new JsonObject
        {
            ["changedFiles"] = result.Stats.ChangedFiles,
            ["mappedTables"] = result.Stats.MappedTables,
            ["unresolved"] = result.Stats.Unresolved,
            ["impactedCount"] = result.ImpactedCount,
            ["apiRequests"] = result.Stats.ApiRequests,
            ["elapsedMs"] = result.Stats.ElapsedMs,
        },
    });

    /// <summary>The report's spelling of an origin (docs/report.md): <c>catalog</c>, <c>dbt</c> or <c>catalog+dbt</c>.</summary>
    private static string OriginName(Impact.LineageOrigin origin) => origin switch
    {
        Impact.LineageOrigin.Dbt => "dbt",
        Impact.LineageOrigin.CatalogAndDbt => "catalog+dbt",
        _ => "catalog",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static JsonObject? Artifacts(DbtArtifacts artifacts) => artifacts.IsEmpty ? null : new JsonObject
    {
        ["manifest"] = artifacts.Manifest,
        ["manifestFrom"] = Origin(artifacts.ManifestOrigin),
        ["state"] = artifacts.State,
        ["stateFrom"] = Origin(artifacts.StateOrigin),
        ["stateDetail"] = artifacts.StateDetail,
    };

    private static string? Origin(ArtifactOrigin? origin) => origin switch
    {
        ArtifactOrigin.Option => "option",
        ArtifactOrigin.ContractFile => "contract_file",
        ArtifactOrigin.FoundBesideProject => "found",
        ArtifactOrigin.Fetched => "fetched",
        _ => null,
    };
}
