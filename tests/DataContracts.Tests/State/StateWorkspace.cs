using System.IO.Compression;

namespace DataContracts.Tests.State;

/// <summary>
/// HubSpot pull request 201 (fivetran/dbt_hubspot): the head commit's tree and docs artifacts, and production's
/// manifest.json and catalog.json (the base commit's docs) packed as the state artifact a deploy job uploads.
/// </summary>
internal sealed class StateWorkspace : IDisposable
{
    private readonly TempFolder folder = new();

    public StateWorkspace(string state = "github-artifact:deploy.yml/dbt-state", string onCatalogError = "warn")
    {
        TempFolder.CopyTree(Fixture("fivetran_hubspot", "@be3a903c24d8"), folder.Combine("repo"));
        folder.Write("repo/snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        folder.Write("repo/datacontracts.yml", $"""
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: integration_tests
              manifest: docs/manifest.json
              catalog: docs/catalog.json
              state: {state}
            policy:
              on_catalog_error: {onCatalogError}
            contracts:
              - name: hubspot
                models: ["models/staging/**/*.sql"]
            """);
    }

    public string Repo => folder.Combine("repo");

    public static string ChangedFiles => Fixture("fivetran_hubspot", "diff_38114c72a027..be3a903c24d8.txt");

    public string Combine(string relative) => folder.Combine(relative);

    /// <summary>Production's manifest.json and catalog.json as a zip, entries at the root (what upload-artifact makes of two files).</summary>
    public static byte[] ProductionZip(params (string Name, byte[] Content)[] extra)
    {
        var docs = Fixture("fivetran_hubspot", "@38114c72a027", "docs");
        return Zip([("manifest.json", File.ReadAllBytes(Path.Combine(docs, "manifest.json"))), ("catalog.json", File.ReadAllBytes(Path.Combine(docs, "catalog.json"))), .. extra]);
    }

    public static byte[] ProductionFile(string name) => File.ReadAllBytes(Path.Combine(Fixture("fivetran_hubspot", "@38114c72a027", "docs"), name));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    /// <summary>The archive with every central-directory entry claiming <paramref name="size"/> uncompressed bytes.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, uint size)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), size);
            }
        }

        return bytes;
    }

    public void Dispose() => folder.Dispose();

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", "dbt", .. parts]);
}
