using System.Collections.Immutable;

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataContracts.Contracts;

/// <summary>
/// A YAML node with the position it was read from. YamlDotNet's representation model rejects duplicate
/// keys by throwing at the first one, which would hide every later problem; this small tree keeps them
/// so the reader can report all problems at once.
/// </summary>
internal abstract record YamlTreeNode(int Line, int Column);

internal sealed record YamlTreeScalar(string Value, ScalarStyle Style, string? Tag, int Line, int Column)
    : YamlTreeNode(Line, Column)
{
    /// <summary>True for an untagged plain scalar that YAML 1.2's core schema reads as null.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null;
}

internal sealed record YamlTreeSequence(ImmutableArray<YamlTreeNode> Items, int Line, int Column)
    : YamlTreeNode(Line, Column);

internal sealed record YamlTreeMapping(ImmutableArray<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries, int Line, int Column)
    : YamlTreeNode(Line, Column);

/// <summary>The documents of a YAML stream, or the syntax error that stopped reading it.</summary>
internal sealed record YamlTreeDocument(ImmutableArray<YamlTreeNode> Documents);

internal static class YamlTreeLoader
{
    // The limit stops hostile input from overflowing the stack (YamlDepth).
    private const int MaxDepth = YamlDepth.Max;

    /// <summary>Reads every document. Throws <see cref="YamlException"/> (with its marks) on a syntax error.</summary>
    public static YamlTreeDocument Load(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return LoadDocuments(parser);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a syntax error on some unterminated flow collections
            // (`version: [1` at the end of a line); report it as the syntax error it is, where parsing stopped.
            var mark = parser.Current?.End ?? Mark.Empty;
            throw new SyntaxErrorException(mark, mark, "The YAML ends inside an unclosed [ or { , or a value is cut off.");
        }
    }

    private static YamlTreeDocument LoadDocuments(Parser parser)
    {
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var documents = ImmutableArray.CreateBuilder<YamlTreeNode>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(ReadNode(parser, anchors, 0));
            parser.Consume<DocumentEnd>();
        }

        parser.Consume<StreamEnd>();
        return new YamlTreeDocument(documents.ToImmutable());
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, YamlTreeNode> anchors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SemanticErrorException(parser.Current!.Start, parser.Current.End, $"Values are nested more than {MaxDepth} levels deep.");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new SemanticErrorException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to no anchor defined before it.");
        }

        YamlTreeNode node;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = new YamlTreeScalar(scalar.Value, scalar.Style, TagOf(scalar), (int)scalar.Start.Line, (int)scalar.Start.Column);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            var items = ImmutableArray.CreateBuilder<YamlTreeNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, depth + 1));
            }

            node = new YamlTreeSequence(items.ToImmutable(), (int)sequenceStart.Start.Line, (int)sequenceStart.Start.Column);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            var entries = ImmutableArray.CreateBuilder<KeyValuePair<YamlTreeNode, YamlTreeNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, depth + 1);
                var value = ReadNode(parser, anchors, depth + 1);
                entries.Add(new(key, value));
            }

            // A block mapping's start event sits where its first key is, which is where users look.
            node = new YamlTreeMapping(entries.ToImmutable(), (int)mappingStart.Start.Line, (int)mappingStart.Start.Column);
        }

        if (!start.Anchor.IsEmpty)
        {
            anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private static string? TagOf(Scalar scalar) => scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
}
