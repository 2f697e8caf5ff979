using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// Reads a manifest.json with <see cref="Utf8JsonReader"/> over one pooled buffer holding the file: the
/// big values the mapper does not need (raw_code, compiled_code, columns, macro_sql, docs…) are skipped
/// without being materialised, so memory stays close to the file size and the speed is the reader's.
/// </summary>
internal static partial class ManifestReader
{
    /// <summary>Newest manifest schema this reader was written against.</summary>
    public const int NewestKnownVersion = 12;

    private const int PooledLimit = 16 * 1024 * 1024;

    private const string RegenerateHint = "Run `dbt parse` (or `dbt compile`) to regenerate target/manifest.json, then pass it with --manifest or dbt.manifest.";

    public static async Task<DbtManifest> ReadAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(fullPath))
        {
            throw new InputException(DiagnosticCodes.DbtManifestNotFound.Create(
                $"The dbt manifest '{displayPath}' does not exist.",
                new SourceLocation(displayPath),
                RegenerateHint));
        }

        IO.BoundedFile.EnsureReadable(fullPath, displayPath, IO.BoundedFile.MaxArtifactBytes);
        byte[]? buffer = null;
        try
        {
            int length;
            using (var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                var fileLength = RandomAccess.GetLength(handle);
                if (fileLength > Array.MaxLength)
                {
                    throw new InputException(DiagnosticCodes.DbtManifestUnreadable.Create(
                        $"The dbt manifest '{displayPath}' is larger than 2 GB and cannot be read.",
                        new SourceLocation(displayPath),
                        "Check that the path points at target/manifest.json."));
                }

                length = (int)fileLength;
                // Small files share pooled buffers; a big one gets an exact-size array, since the pool would
                // round it up to the next power of two (up to twice the file in memory).
                buffer = length <= PooledLimit ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : GC.AllocateUninitializedArray<byte>(length);
                var read = 0;
                while (read < length)
                {
                    var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read, length - read), read, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                length = read;
            }

            var manifest = Parse(buffer.AsSpan(0, length), displayPath, cancellationToken);
            var bom = length >= 3 && buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return manifest with { Source = ManifestSource.Of(fullPath, length, bom, manifest.Spans) };
        }
        catch (IOException ex)
        {
            throw Unreadable(displayPath, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Unreadable(displayPath, ex.Message);
        }
        finally
        {
            if (buffer is not null && buffer.Length <= PooledLimit)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Parses manifest bytes; public to the assembly so tests and benchmarks can call it on memory.</summary>
    public static DbtManifest Parse(ReadOnlySpan<byte> json, string displayPath, CancellationToken cancellationToken)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 512,
        });
        var state = new ParseState(displayPath, cancellationToken);
        try
        {
            if (!reader.Read())
            {
                throw NotJson(displayPath, "the file is empty", 0, 0);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotAManifest(displayPath, $"it holds a JSON {Describe(reader.TokenType)}, not an object", 1, 1);
            }

            ReadMembers(ref reader, state, TopLevelMember);

            // Trailing content after the closing brace (two files concatenated, a merge marker…) throws here.
            while (reader.Read())
            {
            }
        }
        catch (ShapeException ex)
        {
            var (line, column) = LineAndColumn(json, ex.Offset);
            throw NotAManifest(displayPath, ex.Message, line, column);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            var column = (int)(ex.BytePositionInLine ?? -1) + 1;
            var reason = LooksTruncated(ex)
                ? "the file ends before the JSON is complete (truncated?)"
                : "it is not valid JSON";
            throw NotJson(displayPath, reason, line, column);
        }
        catch (InvalidOperationException)
        {
            var (line, column) = IO.JsonText.FindInvalidString(json) ?? LineAndColumn(json, reader.TokenStartIndex);
            throw NotJson(displayPath, NotText, line, column);
        }

        return state.Build();
    }

    private static bool TopLevelMember(ref Utf8JsonReader reader, ParseState state)
    {
        if (reader.ValueTextEquals("metadata"u8))
        {
            RequireObject(reader, "metadata");
            state.SawManifestKey = true;
            ReadObject(ref reader, state, MetadataMember);
        }
        else if (reader.ValueTextEquals("nodes"u8))
        {
            RequireObject(reader, "nodes");
            state.SawManifestKey = true;
            ReadObject(ref reader, (state, (string?)null), NodeEntry);
        }
        else if (reader.ValueTextEquals("sources"u8))
        {
            ReadObject(ref reader, (state, "source"), NodeEntry);
        }
        else if (reader.ValueTextEquals("exposures"u8))
        {
            ReadObject(ref reader, (state, "exposure"), NodeEntry);
        }
        else if (reader.ValueTextEquals("metrics"u8))
        {
            ReadObject(ref reader, (state, "metric"), NodeEntry);
        }
        else if (reader.ValueTextEquals("semantic_models"u8))
        {
            ReadObject(ref reader, (state, "semantic_model"), NodeEntry);
        }
        else if (reader.ValueTextEquals("saved_queries"u8))
        {
            ReadObject(ref reader, (state, "saved_query"), NodeEntry);
        }
        else if (reader.ValueTextEquals("disabled"u8))
        {
            ReadObject(ref reader, state, DisabledEntry);
        }
        else if (reader.ValueTextEquals("macros"u8))
        {
            state.SawManifestKey = true;
            ReadObject(ref reader, state, MacroEntry);
        }
        else if (reader.ValueTextEquals("child_map"u8))
        {
            state.ChildMap = ReadStringListMap(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool MetadataMember(ref Utf8JsonReader reader, ParseState state)
    {
        if (reader.ValueTextEquals("dbt_schema_version"u8))
        {
            state.SchemaVersionText = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("dbt_version"u8))
        {
            state.DbtVersion = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("project_name"u8))
        {
            state.ProjectName = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("adapter_type"u8))
        {
            state.AdapterType = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("quoting"u8))
        {
            ReadObject(ref reader, state.Quoting, QuotingMember);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool QuotingMember(ref Utf8JsonReader reader, Dictionary<string, bool> quoting)
    {
        var key = reader.GetString()!;
        if (ReadBoolean(ref reader) is { } quoted)
        {
            quoting[key] = quoted;
        }

        return true;
    }

    /// <summary>One entry of <c>nodes</c> (with no default type) or of another map of nodes: <c>sources</c>, <c>exposures</c>...</summary>
    private static bool NodeEntry(ref Utf8JsonReader reader, (ParseState State, string? DefaultType) map)
    {
        var key = reader.GetString()!;
        if (!BeginObject(ref reader))
        {
            return true;
        }

        var start = reader.TokenStartIndex;
        var node = ReadNode(ref reader, key, map.DefaultType, disabled: false);
        map.State.Nodes[node.UniqueId] = node;
        if (map.DefaultType is null)
        {
            map.State.Spans[key] = new NodeSpan(start, reader.BytesConsumed - start, Disabled: false);
        }

        map.State.CancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>One entry of <c>disabled</c>: {id: [node, ...]} since v4; a single object in some older files.</summary>
    private static bool DisabledEntry(ref Utf8JsonReader reader, ParseState state)
    {
        var key = reader.GetString()!;
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadDisabledNode(ref reader, state, key);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDisabledNode(ref reader, state, key);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
        }

        return true;
    }

    private static void ReadDisabledNode(ref Utf8JsonReader reader, ParseState state, string key)
    {
        var start = reader.TokenStartIndex;
        state.Disabled.Add(ReadNode(ref reader, key, null, disabled: true));
        state.Spans.TryAdd(key, new NodeSpan(start, reader.BytesConsumed - start, Disabled: true));
    }

    /// <summary>What the pass has read so far, built into the <see cref="DbtManifest"/> at the end.</summary>
    private sealed class ParseState(string displayPath, CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public bool SawManifestKey { get; set; }

        public string? SchemaVersionText { get; set; }

        public string? DbtVersion { get; set; }

        public string? ProjectName { get; set; }

        public string? AdapterType { get; set; }

        public Dictionary<string, bool> Quoting { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ManifestNode> Nodes { get; } = new(StringComparer.Ordinal);

        public List<ManifestNode> Disabled { get; } = [];

        /// <summary>Where each node of <c>nodes</c> and <c>disabled</c> sits in the parsed bytes (see <see cref="ManifestSource"/>).</summary>
        public Dictionary<string, NodeSpan> Spans { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ManifestMacro> Macros { get; } = new(StringComparer.Ordinal);

        public ImmutableDictionary<string, ImmutableArray<string>>? ChildMap { get; set; }

        public DbtManifest Build()
        {
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var version = ParseVersion(SchemaVersionText);
            if (SchemaVersionText is not null && !SchemaVersionText.Contains("/manifest/", StringComparison.OrdinalIgnoreCase))
            {
                throw NotAManifest(displayPath, $"its schema is '{SchemaVersionText}'", 0, 0);
            }

            if (SchemaVersionText is null)
            {
                // Every dbt version writes it; without it there is no telling what the rest means.
                throw NotAManifest(displayPath, SawManifestKey ? "it has no metadata.dbt_schema_version" : "it has no metadata.dbt_schema_version, nodes or macros", 1, 1);
            }

            if (SchemaVersionText is not null && version is null)
            {
                diagnostics.Add(DiagnosticCodes.DbtManifestVersionUnsupported.Create(
                    $"The dbt manifest '{displayPath}' has an unrecognised schema version '{SchemaVersionText}'; reading it as the newest known version (v{NewestKnownVersion}).",
                    new SourceLocation(displayPath),
                    RegenerateHint));
            }
            else if (version > NewestKnownVersion)
            {
                diagnostics.Add(DiagnosticCodes.DbtManifestVersionUnsupported.Create(
                    $"The dbt manifest '{displayPath}' uses schema v{version}, newer than the newest supported v{NewestKnownVersion}; reading it leniently, some fields may be missed.",
                    new SourceLocation(displayPath),
                    "Upgrade DataContracts, or regenerate the manifest with a dbt version that writes manifest v12."));
            }

            return new DbtManifest
            {
                DisplayPath = displayPath,
                SchemaVersion = version,
                DbtVersion = DbtVersion,
                ProjectName = ProjectName,
                AdapterType = AdapterType,
                Quoting = Quoting.ToImmutableDictionary(StringComparer.Ordinal),
                Nodes = Nodes.ToImmutableDictionary(StringComparer.Ordinal),
                Disabled = [.. Disabled],
                Macros = Macros.ToImmutableDictionary(StringComparer.Ordinal),
                ChildMap = ChildMap,
                Diagnostics = diagnostics.ToImmutable(),
                Spans = Spans,
            };
        }

        /// <summary><c>https://schemas.getdbt.com/dbt/manifest/v12.json</c> → 12.</summary>
        private static int? ParseVersion(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            var slash = text.LastIndexOf('/');
            var last = text[(slash + 1)..];
            if (last.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                last = last[..^5];
            }

            return last.Length > 1 && (last[0] is 'v' or 'V') && int.TryParse(last.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : null;
        }
    }
}
