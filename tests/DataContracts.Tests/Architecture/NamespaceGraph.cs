using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from its compiled metadata and IL: base types, interfaces,
/// fields, signatures, attributes, locals and every type, method or field token in a method body. Nested types
/// (closures, state machines) count as their outermost type's namespace. Only types defined in the assembly count.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader reader;
    private readonly PEReader pe;
    private readonly NamespaceCollector collector;

    private NamespaceGraph(PEReader pe)
    {
        this.pe = pe;
        reader = pe.GetMetadataReader();
        collector = new NamespaceCollector(reader);
    }

    /// <summary>Namespace → the namespaces it uses, each with one example "Type → Type" that shows the use.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static NamespaceGraph Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        var graph = new NamespaceGraph(pe);
        graph.ReadAll();
        return graph;
    }

    /// <summary>The strongly connected groups of more than one namespace: each is at least one cycle.</summary>
    public ImmutableArray<ImmutableArray<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowest = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var found = ImmutableArray.CreateBuilder<ImmutableArray<string>>();

        void Visit(string node)
        {
            indices[node] = lowest[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowest[node] = Math.Min(lowest[node], lowest[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowest[node] = Math.Min(lowest[node], indices[next]);
                }
            }

            if (lowest[node] == indices[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    found.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in Edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return found.ToImmutable();
    }

    private void ReadAll()
    {
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var from = collector.TypeName(handle);
            var ns = collector.NamespaceOf(handle);
            if (ns.Length == 0)
            {
                continue;
            }

            void Add(IEnumerable<TypeDefinitionHandle> targets)
            {
                foreach (var target in targets)
                {
                    var to = collector.NamespaceOf(target);
                    if (to.Length == 0 || to == ns)
                    {
                        continue;
                    }

                    if (!Edges.TryGetValue(ns, out var uses))
                    {
                        Edges[ns] = uses = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    uses.TryAdd(to, $"{from} → {collector.TypeName(target)}");
                }
            }

            Add(collector.Of(type.BaseType));
            foreach (var i in type.GetInterfaceImplementations())
            {
                Add(collector.Of(reader.GetInterfaceImplementation(i).Interface));
            }

            Add(Attributes(type.GetCustomAttributes()));
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                Add(field.DecodeSignature(collector, null));
                Add(Attributes(field.GetCustomAttributes()));
            }

            foreach (var p in type.GetProperties())
            {
                Add(Attributes(reader.GetPropertyDefinition(p).GetCustomAttributes()));
            }

            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                var signature = method.DecodeSignature(collector, null);
                Add(signature.ReturnType);
                Add(signature.ParameterTypes.SelectMany(t => t));
                Add(Attributes(method.GetCustomAttributes()));
                foreach (var p in method.GetParameters())
                {
                    Add(Attributes(reader.GetParameter(p).GetCustomAttributes()));
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Add(Body(pe.GetMethodBody(method.RelativeVirtualAddress)));
                }
            }
        }
    }

    private IEnumerable<TypeDefinitionHandle> Attributes(CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => collector.Of(reader.GetCustomAttribute(a).Constructor));

    private IEnumerable<TypeDefinitionHandle> Body(MethodBodyBlock body)
    {
        var found = new List<TypeDefinitionHandle>();
        if (!body.LocalSignature.IsNil)
        {
            found.AddRange(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null).SelectMany(t => t));
        }

        foreach (var region in body.ExceptionRegions)
        {
            found.AddRange(collector.Of(region.CatchType));
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    found.AddRange(collector.Of(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                case OperandType.InlineSwitch:
                    var count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.ShortInlineR:
                    il.Offset += 4;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
            }
        }

        return found;
    }

    /// <summary>Decodes signatures to the assembly's own types they mention.</summary>
    private sealed class NamespaceCollector(MetadataReader reader) : ISignatureTypeProvider<IEnumerable<TypeDefinitionHandle>, object?>
    {
        public string NamespaceOf(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } outer)
            {
                type = reader.GetTypeDefinition(outer);
            }

            return reader.GetString(type.Namespace);
        }

        public string TypeName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            return type.GetDeclaringType() is { IsNil: false } outer ? TypeName(outer) + "+" + name : $"{reader.GetString(type.Namespace)}.{name}";
        }

        public IEnumerable<TypeDefinitionHandle> Of(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [(TypeDefinitionHandle)handle];
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return [method.GetDeclaringType()];
                case HandleKind.FieldDefinition:
                    return [reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()];
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var owner = Of(member.Parent);
                    return member.GetKind() == MemberReferenceKind.Field
                        ? owner.Concat(member.DecodeFieldSignature(this, null))
                        : owner.Concat(Signature(member.DecodeMethodSignature(this, null)));
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return Of(spec.Method).Concat(spec.DecodeSignature(this, null).SelectMany(t => t));
                default:
                    return [];
            }
        }

        private static IEnumerable<TypeDefinitionHandle> Signature(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(t => t));

        public IEnumerable<TypeDefinitionHandle> GetArrayType(IEnumerable<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetByReferenceType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) => Signature(signature);

        public IEnumerable<TypeDefinitionHandle> GetGenericInstantiation(IEnumerable<TypeDefinitionHandle> genericType, ImmutableArray<IEnumerable<TypeDefinitionHandle>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(t => t));

        public IEnumerable<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public IEnumerable<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];

        public IEnumerable<TypeDefinitionHandle> GetModifiedType(IEnumerable<TypeDefinitionHandle> modifier, IEnumerable<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;

        public IEnumerable<TypeDefinitionHandle> GetPinnedType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetPointerType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public IEnumerable<TypeDefinitionHandle> GetSZArrayType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

        public IEnumerable<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public IEnumerable<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public IEnumerable<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
