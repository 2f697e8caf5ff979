using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

using DataContracts.Contracts;
using DataContracts.Diagnostics;

using Json.Schema;

namespace DataContracts.Tests.Contracts;

/// <summary>The published schema and the parser must accept and refuse the same files, key for key.</summary>
public class ContractSchemaAgreementTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly string SamplesDir = Path.Combine(AppContext.BaseDirectory, "fixtures", "contracts");
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(ContractSchema.ReadText(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static TheoryData<string> ValidSamples => [.. Samples("valid")];

    public static TheoryData<string> InvalidSamples => [.. Samples("invalid")];

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void ValidSampleParsesAndMatchesSchema(string file)
    {
        var path = Path.Combine(SamplesDir, "valid", file);
        var contracts = ContractFileReader.Read(path, Today);

        Assert.DoesNotContain(contracts.Diagnostics, d => d.IsError);
        var result = Evaluate(File.ReadAllText(path));
        Assert.True(result.IsValid, $"{file} is refused by the schema: {Errors(result)}");
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void InvalidSampleIsRefusedByParserAndSchema(string file)
    {
        var path = Path.Combine(SamplesDir, "invalid", file);
        var text = File.ReadAllText(path);
        var expected = text.Split('\n')[0].Replace("# expect:", string.Empty, StringComparison.Ordinal).Trim();
        Assert.StartsWith("DC2", expected, StringComparison.Ordinal);

        var error = Assert.Throws<InputException>(() => ContractFileReader.Read(path, Today));
        Assert.Contains(error.Diagnostics, d => d.Code == expected && d.Location!.Line > 1);
        Assert.False(Evaluate(text).IsValid, $"{file} is accepted by the schema but refused by the parser ({expected}).");
    }

    [Fact]
    public void FullSampleUsesEveryKeyTheParserAccepts()
    {
        var json = YamlJson.Convert(File.ReadAllText(Path.Combine(SamplesDir, "valid", "full.yml")))!;
        var used = new HashSet<string>(StringComparer.Ordinal);
        CollectKeys(json, string.Empty, used);

        var accepted = ContractKeys.Allowed.SelectMany(level => level.Value.Select(key => Join(level.Key, key)));
        Assert.Empty(accepted.Except(used));
    }

    [Fact]
    public void SchemaAllowsExactlyTheParsersKeysAtEveryLevel()
    {
        var levels = SchemaLevels();

        Assert.Equal(ContractKeys.Allowed.Keys.Order(StringComparer.Ordinal), levels.Keys.Order(StringComparer.Ordinal));
        foreach (var (level, keys) in ContractKeys.Allowed)
        {
            Assert.True(keys.Order(StringComparer.Ordinal).SequenceEqual(levels[level].Properties.Order(StringComparer.Ordinal)),
                $"Level '{level}': parser allows [{string.Join(", ", keys.Order())}], schema allows [{string.Join(", ", levels[level].Properties.Order())}]");
            Assert.True(levels[level].ClosedToOthers, $"Level '{level}' of the schema does not set additionalProperties: false");
        }
    }

    [Fact]
    public void SchemaRequiresExactlyTheParsersRequiredKeys()
    {
        foreach (var (level, shape) in SchemaLevels())
        {
            var parser = ContractKeys.Required.TryGetValue(level, out var keys) ? keys : [];
            Assert.True(parser.Order(StringComparer.Ordinal).SequenceEqual(shape.Required.Order(StringComparer.Ordinal)),
                $"Level '{level}': parser requires [{string.Join(", ", parser)}], schema requires [{string.Join(", ", shape.Required)}]");
        }
    }

    [Fact]
    public void SchemaEnumsAreTheParsersOptionValues()
    {
        var schemaEnums = SchemaLevels()
            .SelectMany(level => level.Value.Enums.Select(e => KeyValuePair.Create(Join(level.Key, e.Key), e.Value)))
            .ToDictionary();

        Assert.Equal(ContractKeys.Options.Keys.Order(StringComparer.Ordinal), schemaEnums.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, values) in ContractKeys.Options)
        {
            Assert.Equal(values, schemaEnums[key]);
        }
    }

    [Fact]
    public void EveryPropertyInTheSchemaHasADescription()
    {
        foreach (var (level, shape) in SchemaLevels())
        {
            Assert.True(shape.Undescribed.IsEmpty, $"Level '{level}': no description on {string.Join(", ", shape.Undescribed)}");
        }
    }

    [Fact]
    public void SchemaDeclaresDraft202012AndItsId()
    {
        var root = JsonNode.Parse(ContractSchema.ReadText())!;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)root["$schema"]);
        Assert.Equal(ContractSchema.Id, (string?)root["$id"]);
    }

    private static IEnumerable<string> Samples(string kind) =>
        Directory.EnumerateFiles(Path.Combine(SamplesDir, kind), "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static EvaluationResults Evaluate(string yaml)
    {
        var json = YamlJson.Convert(yaml);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static void CollectKeys(JsonNode? node, string level, HashSet<string> used)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    used.Add(Join(level, key));
                    CollectKeys(value, Join(level, key), used);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectKeys(item, level + "[]", used);
                }

                break;
        }
    }

    private static string Join(string level, string key) => level.Length == 0 ? key : $"{level}.{key}";

    private sealed record LevelShape(
        ImmutableArray<string> Properties,
        ImmutableArray<string> Required,
        bool ClosedToOthers,
        ImmutableDictionary<string, ImmutableArray<string>> Enums,
        ImmutableArray<string> Undescribed);

    /// <summary>Walks the schema from the root through properties, <c>$ref</c>s and array <c>items</c>, naming levels as the parser does.</summary>
    private static Dictionary<string, LevelShape> SchemaLevels()
    {
        var root = JsonNode.Parse(ContractSchema.ReadText())!.AsObject();
        var levels = new Dictionary<string, LevelShape>(StringComparer.Ordinal);
        Walk(root, root, string.Empty, levels);
        return levels;
    }

    private static void Walk(JsonObject root, JsonObject schema, string level, Dictionary<string, LevelShape> levels)
    {
        var properties = schema["properties"]!.AsObject();
        var enums = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>();
        var undescribed = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, value) in properties)
        {
            var property = value!.AsObject();
            if (property["description"] is null)
            {
                undescribed.Add(name);
            }

            var resolved = Resolve(root, property);
            if (resolved["enum"] is JsonArray values)
            {
                enums.Add(name, [.. values.Select(v => (string)v!)]);
            }

            if (resolved["properties"] is not null)
            {
                Walk(root, resolved, Join(level, name), levels);
            }
            else if (resolved["items"] is JsonObject items && Resolve(root, items) is { } item && item["properties"] is not null)
            {
                Walk(root, item, Join(level, name) + "[]", levels);
            }
        }

        levels[level] = new LevelShape(
            [.. properties.Select(p => p.Key)],
            [.. (schema["required"]?.AsArray() ?? []).Select(r => (string)r!)],
            schema["additionalProperties"] is JsonValue closed && !closed.GetValue<bool>(),
            enums.ToImmutable(),
            undescribed.ToImmutable());
    }

    private static JsonObject Resolve(JsonObject root, JsonObject node)
    {
        while (node["$ref"] is JsonValue reference)
        {
            var pointer = ((string)reference!).TrimStart('#', '/').Split('/');
            node = pointer.Aggregate((JsonNode)root, (current, part) => current[part]!).AsObject();
        }

        return node;
    }
}
