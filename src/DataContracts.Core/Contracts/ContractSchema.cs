namespace DataContracts.Contracts;

/// <summary>The published JSON schema of the contract file, embedded in this assembly (source: schemas/datacontracts.schema.json).</summary>
internal static class ContractSchema
{
    /// <summary>The schema's <c>$id</c>: the URL editors use in a <c># yaml-language-server: $schema=</c> comment.</summary>
    public const string Id = "https://raw.githubusercontent.com/datacontracts/datacontracts/main/schemas/datacontracts.schema.json";

    /// <summary>The schema text (JSON Schema draft 2020-12).</summary>
    public static string ReadText()
    {
        using var stream = typeof(ContractSchema).Assembly.GetManifestResourceStream("datacontracts.schema.json")
            ?? throw new InvalidOperationException("The contract file schema is not embedded in DataContracts.Core; rebuild the project.");
        using var text = new StreamReader(stream);
        return text.ReadToEnd();
    }
}
