using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataContracts.Catalog.Cache;

/// <summary>
/// The cache file's JSON contract, generated at compile time: no reflection, so the Native AOT build reads and
/// writes the same files as the framework-dependent one (web naming, as the files have always used).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(CatalogCacheData))]
[JsonSerializable(typeof(CatalogCacheFile.Envelope))]
internal sealed partial class CatalogCacheJson : JsonSerializerContext;
