using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataContracts.Contracts;

/// <summary>
/// The one nesting limit for every YAML file the tool reads (the contract file, dbt_project.yml, properties
/// files). YamlDotNet's parser is iterative, but its representation model (<c>YamlStream</c>) and any tree
/// built from it recurse once per level: 100,000 nested <c>[</c> would overflow the stack and kill the process.
/// </summary>
internal static class YamlDepth
{
    /// <summary>The v1 contract format nests four levels deep and dbt files a dozen; 64 leaves room for any real file.</summary>
    public const int Max = 64;

    /// <summary>A parser over <paramref name="text"/> that throws <see cref="YamlTooDeepException"/> past <see cref="Max"/> levels.</summary>
    public static IParser Parser(string text) => new Limited(new Parser(new StringReader(text)));

    private sealed class Limited(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++_depth > Max:
                    throw new YamlTooDeepException(inner.Current.Start, inner.Current.End);
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}

/// <summary>YAML nested deeper than <see cref="YamlDepth.Max"/>; its marks point at the level that went past it.</summary>
internal sealed class YamlTooDeepException(Mark start, Mark end)
    : SemanticErrorException(start, end, $"Values are nested more than {YamlDepth.Max} levels deep.");
