using System.Collections.Immutable;
using System.Text.Json;

namespace DataContracts.Mapping.Dbt;

/// <summary>Reading one node, macro or map: only the fields the mapping needs, everything else skipped unread.</summary>
internal static partial class ManifestReader
{
    /// <summary>Reads one node object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static ManifestNode ReadNode(ref Utf8JsonReader reader, string key, string? defaultType, bool disabled)
    {
        var fields = new NodeFields();
        ReadMembers(ref reader, fields, NodeMember);

        var id = string.IsNullOrEmpty(fields.UniqueId) ? key : fields.UniqueId;
        var resourceType = fields.ResourceType ?? defaultType;
        return new ManifestNode
        {
            UniqueId = id,
            ResourceType = resourceType ?? FirstSegment(id),
            PackageName = fields.Package,
            Name = fields.Name,
            OriginalFilePath = fields.OriginalFilePath,
            Path = fields.Path,
            PatchPath = fields.PatchPath,
            Database = fields.Database,
            Schema = fields.Schema,
            Alias = fields.Alias ?? fields.Identifier,
            RelationName = fields.RelationName,
            Materialized = fields.Materialized,
            Enabled = fields.Enabled,
            Version = fields.Version,
            DependsOnNodes = fields.DependsOnNodes,
            DependsOnMacros = fields.DependsOnMacros,
            ExposureType = resourceType == "exposure" ? fields.ExposureType : null,
            Url = fields.Url,
            OwnerName = fields.OwnerName,
            OwnerEmail = fields.OwnerEmail,
            IsDisabled = disabled,
        };
    }

    private static bool NodeMember(ref Utf8JsonReader reader, NodeFields node)
    {
        if (reader.ValueTextEquals("unique_id"u8))
        {
            node.UniqueId = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("resource_type"u8))
        {
            node.ResourceType = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("package_name"u8))
        {
            node.Package = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("name"u8))
        {
            node.Name = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("original_file_path"u8))
        {
            node.OriginalFilePath = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("path"u8))
        {
            node.Path = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("patch_path"u8))
        {
            node.PatchPath = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("database"u8))
        {
            node.Database = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("schema"u8))
        {
            node.Schema = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("alias"u8))
        {
            node.Alias = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("identifier"u8))
        {
            node.Identifier = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("relation_name"u8))
        {
            node.RelationName = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("version"u8))
        {
            node.Version = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("type"u8))
        {
            node.ExposureType = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("url"u8))
        {
            node.Url = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("config"u8))
        {
            ReadObject(ref reader, node, ConfigMember);
        }
        else if (reader.ValueTextEquals("depends_on"u8))
        {
            ReadObject(ref reader, node, DependsOnMember);
        }
        else if (reader.ValueTextEquals("owner"u8))
        {
            ReadOwner(ref reader, node);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ConfigMember(ref Utf8JsonReader reader, NodeFields node)
    {
        if (reader.ValueTextEquals("materialized"u8))
        {
            node.Materialized = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("enabled"u8))
        {
            if (ReadBoolean(ref reader) is { } enabled)
            {
                node.Enabled = enabled;
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary><c>depends_on</c> of a node or a macro.</summary>
    private static bool DependsOnMember(ref Utf8JsonReader reader, Dependencies dependencies)
    {
        if (reader.ValueTextEquals("nodes"u8))
        {
            dependencies.DependsOnNodes = ReadStringArray(ref reader);
        }
        else if (reader.ValueTextEquals("macros"u8))
        {
            dependencies.DependsOnMacros = ReadStringArray(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>An exposure's owner: <c>{"name": ..., "email": ...}</c>, or a bare name in some files.</summary>
    private static void ReadOwner(ref Utf8JsonReader reader, NodeFields node)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            node.OwnerName = reader.GetString();
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadMembers(ref reader, node, OwnerMember);
        }
        else
        {
            reader.Skip();
        }
    }

    private static bool OwnerMember(ref Utf8JsonReader reader, NodeFields node)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            node.OwnerName = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("email"u8))
        {
            node.OwnerEmail = ReadString(ref reader);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>One entry of <c>macros</c>.</summary>
    private static bool MacroEntry(ref Utf8JsonReader reader, ParseState state)
    {
        var key = reader.GetString()!;
        var macro = new MacroFields();
        if (ReadObject(ref reader, macro, MacroMember))
        {
            var id = string.IsNullOrEmpty(macro.UniqueId) ? key : macro.UniqueId;
            state.Macros[id] = new ManifestMacro(id, macro.Package, macro.OriginalFilePath, macro.DependsOnMacros);
        }

        return true;
    }

    private static bool MacroMember(ref Utf8JsonReader reader, MacroFields macro)
    {
        if (reader.ValueTextEquals("unique_id"u8))
        {
            macro.UniqueId = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("package_name"u8))
        {
            macro.Package = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("original_file_path"u8))
        {
            macro.OriginalFilePath = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("depends_on"u8))
        {
            ReadObject(ref reader, macro, DependsOnMember);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>A map of string lists (<c>child_map</c>); null when it is not an object.</summary>
    private static ImmutableDictionary<string, ImmutableArray<string>>? ReadStringListMap(ref Utf8JsonReader reader)
    {
        var map = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        return ReadObject(ref reader, map, StringListEntry) ? map.ToImmutable() : null;
    }

    private static bool StringListEntry(ref Utf8JsonReader reader, ImmutableDictionary<string, ImmutableArray<string>>.Builder map)
    {
        var key = reader.GetString()!;
        map[key] = ReadStringArray(ref reader);
        return true;
    }

    private class Dependencies
    {
        public ImmutableArray<string> DependsOnNodes { get; set; } = [];

        public ImmutableArray<string> DependsOnMacros { get; set; } = [];
    }

    /// <summary>The fields of one node as its members are read, in any order.</summary>
    private sealed class NodeFields : Dependencies
    {
        public string? UniqueId { get; set; }

        public string? ResourceType { get; set; }

        public string? Package { get; set; }

        public string? Name { get; set; }

        public string? OriginalFilePath { get; set; }

        public string? Path { get; set; }

        public string? PatchPath { get; set; }

        public string? Database { get; set; }

        public string? Schema { get; set; }

        public string? Alias { get; set; }

        public string? Identifier { get; set; }

        public string? RelationName { get; set; }

        public string? Materialized { get; set; }

        public bool? Enabled { get; set; }

        public string? Version { get; set; }

        public string? ExposureType { get; set; }

        public string? Url { get; set; }

        public string? OwnerName { get; set; }

        public string? OwnerEmail { get; set; }
    }

    private sealed class MacroFields : Dependencies
    {
        public string? UniqueId { get; set; }

        public string? Package { get; set; }

        public string? OriginalFilePath { get; set; }
    }
}
