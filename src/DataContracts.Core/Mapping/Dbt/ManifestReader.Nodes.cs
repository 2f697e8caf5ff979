using System.Collections.Immutable;
using System.Text.Json;

namespace DataContracts.Mapping.Dbt;

/// <summary>Reading one node, macro or map: only the fields the mapping needs, everything else skipped unread.</summary>
internal static partial class ManifestReader
{
    private static ManifestNode ReadNode(ref Utf8JsonReader reader, string key, string? defaultType, bool disabled)
    {
        string? uniqueId = null, resourceType = null, package = null, name = null, originalFilePath = null, path = null;
        string? patchPath = null, database = null, schema = null, alias = null, identifier = null, relationName = null;
        string? materialized = null, version = null, exposureType = null, url = null, ownerName = null, ownerEmail = null;
        bool? enabled = null;
        ImmutableArray<string> dependsOnNodes = [], dependsOnMacros = [];

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("unique_id"u8))
            {
                uniqueId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resource_type"u8))
            {
                resourceType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("package_name"u8))
            {
                package = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("original_file_path"u8))
            {
                originalFilePath = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                path = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("patch_path"u8))
            {
                patchPath = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("database"u8))
            {
                database = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("schema"u8))
            {
                schema = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("alias"u8))
            {
                alias = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("identifier"u8))
            {
                identifier = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("relation_name"u8))
            {
                relationName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                version = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                exposureType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                url = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("config"u8))
            {
                ReadConfig(ref reader, ref materialized, ref enabled);
            }
            else if (reader.ValueTextEquals("depends_on"u8))
            {
                ReadDependsOn(ref reader, ref dependsOnNodes, ref dependsOnMacros);
            }
            else if (reader.ValueTextEquals("owner"u8))
            {
                ReadOwner(ref reader, ref ownerName, ref ownerEmail);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var id = string.IsNullOrEmpty(uniqueId) ? key : uniqueId;
        return new ManifestNode
        {
            UniqueId = id,
            ResourceType = resourceType ?? defaultType ?? FirstSegment(id),
            PackageName = package,
            Name = name,
            OriginalFilePath = originalFilePath,
            Path = path,
            PatchPath = patchPath,
            Database = database,
            Schema = schema,
            Alias = alias ?? identifier,
            RelationName = relationName,
            Materialized = materialized,
            Enabled = enabled,
            Version = version,
            DependsOnNodes = dependsOnNodes,
            DependsOnMacros = dependsOnMacros,
            ExposureType = (resourceType ?? defaultType) == "exposure" ? exposureType : null,
            Url = url,
            OwnerName = ownerName,
            OwnerEmail = ownerEmail,
            IsDisabled = disabled,
        };
    }

    private static void ReadConfig(ref Utf8JsonReader reader, ref string? materialized, ref bool? enabled)
    {
        if (!BeginObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("materialized"u8))
            {
                materialized = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("enabled"u8))
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    enabled = reader.GetBoolean();
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadDependsOn(ref Utf8JsonReader reader, ref ImmutableArray<string> nodes, ref ImmutableArray<string> macros)
    {
        if (!BeginObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodes"u8))
            {
                nodes = ReadStringArray(ref reader);
            }
            else if (reader.ValueTextEquals("macros"u8))
            {
                macros = ReadStringArray(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadOwner(ref Utf8JsonReader reader, ref string? ownerName, ref string? ownerEmail)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            ownerName = reader.GetString();
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                ownerName = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                ownerEmail = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadMacros(ref Utf8JsonReader reader, ParseState state)
    {
        if (!BeginObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? uniqueId = null, package = null, originalFilePath = null;
            ImmutableArray<string> macros = [], ignoredNodes = [];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("unique_id"u8))
                {
                    uniqueId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("package_name"u8))
                {
                    package = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("original_file_path"u8))
                {
                    originalFilePath = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("depends_on"u8))
                {
                    ReadDependsOn(ref reader, ref ignoredNodes, ref macros);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            var id = string.IsNullOrEmpty(uniqueId) ? key : uniqueId;
            state.Macros[id] = new ManifestMacro(id, package, originalFilePath, macros);
        }
    }

    private static ImmutableDictionary<string, ImmutableArray<string>>? ReadStringListMap(ref Utf8JsonReader reader)
    {
        if (!BeginObject(ref reader))
        {
            return null;
        }

        var map = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            map[key] = ReadStringArray(ref reader);
        }

        return map.ToImmutable();
    }
}
