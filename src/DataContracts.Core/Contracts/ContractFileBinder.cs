using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary>Turns the YAML tree of a v1 contract file into a <see cref="ContractFile"/>, reporting every problem it finds.</summary>
internal sealed partial class ContractFileBinder(ContractValueReader reader, DateOnly today)
{
    public ContractFile Bind(YamlTreeMapping root, string fullPath)
    {
        var keys = reader.Keys(root, ContractKeys.Root, string.Empty);
        if (keys.TryGetValue("version", out var version))
        {
            CheckVersion(version);
        }

        return new ContractFile
        {
            Path = fullPath,
            Version = 1,
            Secoda = Section(keys, "secoda", BindSecoda) ?? new SecodaSettings(),
            Dbt = Section(keys, "dbt", BindDbt),
            Sql = Section(keys, "sql", BindSql),
            SqlProj = Section(keys, "sqlproj", BindSqlProj),
            Policy = Section(keys, "policy", BindPolicy) ?? new PolicySettings(),
            Contracts = keys.TryGetValue("contracts", out var contracts) ? BindContracts(contracts) : [],
            OwnersMap = keys.TryGetValue("owners_map", out var ownersMap) ? BindOwnersMap(ownersMap) : ImmutableDictionary<string, string>.Empty,
        };
    }

    private T? Section<T>(Dictionary<string, ContractEntry> keys, string name, Func<Dictionary<string, ContractEntry>, T> bind)
        where T : class
    {
        if (!keys.TryGetValue(name, out var entry))
        {
            return null;
        }

        var mapping = reader.Section(entry);
        return mapping is null ? null : bind(reader.Keys(mapping, name, name));
    }

    private void CheckVersion(ContractEntry entry)
    {
        if (entry.Value is YamlTreeScalar { IsPlain: true, Value: "1" })
        {
            return;
        }

        var shown = entry.Value is YamlTreeScalar scalar ? $"`{ContractValueReader.Shorten(scalar.Value)}`" : "not a number";
        reader.Report(DiagnosticCodes.ContractVersion, $"Contract file version {shown} is not supported; this tool reads version 1.", entry.Value,
            "Write `version: 1` (the number, without quotes). A newer file format needs a newer datacontracts.");
    }

    private SecodaSettings BindSecoda(Dictionary<string, ContractEntry> keys)
    {
        var settings = new SecodaSettings();
        if (keys.TryGetValue("url", out var url))
        {
            settings = settings with { Url = CheckUrl(url) };
        }

        if (keys.TryGetValue("token_env", out var tokenEnv) && reader.Text(tokenEnv) is { } variable)
        {
            if (VariableName().IsMatch(variable))
            {
                settings = settings with { TokenEnv = variable };
            }
            else
            {
                // Not echoed: a value that is not a variable name is often the key itself pasted in.
                reader.Report(DiagnosticCodes.ContractInvalidVariableName,
                    "`secoda.token_env` is not an environment variable name; its value is not shown in case it is the API key itself.", tokenEnv.Value,
                    "`token_env` holds the NAME of the variable that contains the key, for example `token_env: SECODA_API_TOKEN`. "
                    + "If you pasted the key here, remove it and rotate it.");
            }
        }

        if (keys.TryGetValue("integration_id", out var integration) && reader.Text(integration) is { } integrationId)
        {
            WarnIfNotUuid(integration, integrationId);
            settings = settings with { IntegrationId = integrationId };
        }

        if (keys.TryGetValue("snapshot", out var snapshot) && reader.Text(snapshot) is { } snapshotPath)
        {
            settings = settings with { Snapshot = snapshotPath, SnapshotLocation = reader.At(snapshot.Value) };
        }

        return settings;
    }

    private string? CheckUrl(ContractEntry entry)
    {
        if (reader.Text(entry) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            reader.Report(DiagnosticCodes.ContractInvalidUrl, $"`secoda.url` is `{ContractValueReader.Shorten(text)}`, which is not an absolute http(s) URL.", entry.Value,
                "Write the API base URL, for example https://api.secoda.co/api/v1/ (US), https://eapi.secoda.co/api/v1/ (EU) or https://<host>/api/v1/ (self-hosted).");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            reader.Report(DiagnosticCodes.ContractSecretInFile, "`secoda.url` carries credentials before the host; the URL is not shown.", entry.Value,
                "Remove the `user:password@` part and rotate that secret. The API key belongs in the variable named by `secoda.token_env`.");
            return null;
        }

        return text;
    }

    private DbtSettings BindDbt(Dictionary<string, ContractEntry> keys)
    {
        var settings = new DbtSettings();
        if (keys.TryGetValue("project_dir", out var projectDir) && reader.Text(projectDir) is { } dir)
        {
            settings = settings with { ProjectDir = dir };
        }

        if (keys.TryGetValue("manifest", out var manifest) && reader.Text(manifest) is { } manifestPath)
        {
            settings = settings with { Manifest = manifestPath, ManifestLocation = reader.At(manifest.Value) };
        }

        if (keys.TryGetValue("catalog", out var catalog) && reader.Text(catalog) is { } catalogPath)
        {
            settings = settings with { Catalog = catalogPath, CatalogLocation = reader.At(catalog.Value) };
        }

        if (keys.TryGetValue("state", out var state) && reader.Text(state) is { } statePath)
        {
            settings = settings with { State = statePath, StateLocation = reader.At(state.Value) };
        }

        if (keys.TryGetValue("state_token_env", out var stateToken) && reader.Text(stateToken) is { } stateVariable)
        {
            if (VariableName().IsMatch(stateVariable))
            {
                settings = settings with { StateTokenEnv = stateVariable };
            }
            else
            {
                reader.Report(DiagnosticCodes.ContractInvalidVariableName,
                    "`dbt.state_token_env` is not an environment variable name; its value is not shown in case it is the token itself.", stateToken.Value,
                    "`state_token_env` holds the NAME of the variable with the dbt Cloud token, for example `state_token_env: DBT_CLOUD_API_TOKEN`. If you pasted the token here, remove it and rotate it.");
            }
        }

        return settings;
    }

    private SqlSettings BindSql(Dictionary<string, ContractEntry> keys) => new()
    {
        Paths = reader.Strings(keys.GetValueOrDefault("paths")),
        Dialect = keys.TryGetValue("dialect", out var dialect) ? reader.Option<SqlDialect>(dialect, "sql.dialect") ?? SqlDialect.Ansi : SqlDialect.Ansi,
        DefaultDatabase = keys.TryGetValue("default_database", out var database) ? reader.Text(database) : null,
        DefaultSchema = keys.TryGetValue("default_schema", out var schema) ? reader.Text(schema) : null,
    };

    private PolicySettings BindPolicy(Dictionary<string, ContractEntry> keys)
    {
        var defaults = new PolicySettings();
        return new PolicySettings
        {
            OnImpact = keys.TryGetValue("on_impact", out var onImpact) ? reader.Option<ImpactAction>(onImpact, "policy.on_impact") ?? defaults.OnImpact : defaults.OnImpact,
            OnNonBreaking = keys.TryGetValue("on_non_breaking", out var onNonBreaking) ? reader.Option<ImpactAction>(onNonBreaking, "policy.on_non_breaking") ?? defaults.OnNonBreaking : defaults.OnNonBreaking,
            Uncontracted = keys.TryGetValue("uncontracted", out var uncontracted) ? reader.Option<UncontractedMode>(uncontracted, "policy.uncontracted") ?? defaults.Uncontracted : defaults.Uncontracted,
            MaxDepth = keys.TryGetValue("max_depth", out var maxDepth) ? reader.WholeNumber(maxDepth, minimum: 1, maximum: PolicySettings.MaxDepthLimit) ?? defaults.MaxDepth : defaults.MaxDepth,
            OnCatalogError = keys.TryGetValue("on_catalog_error", out var onError) ? reader.Option<CatalogErrorMode>(onError, "policy.on_catalog_error") ?? defaults.OnCatalogError : defaults.OnCatalogError,
            Ignore = reader.Strings(keys.GetValueOrDefault("ignore")),
        };
    }

    private ImmutableArray<Contract> BindContracts(ContractEntry entry)
    {
        if (entry.Value is not YamlTreeSequence sequence)
        {
            reader.WrongType(entry, "a list of contracts", "Start each contract with `- name: ...`, indented under `contracts:`.");
            return [];
        }

        var contracts = ImmutableArray.CreateBuilder<Contract>();
        var names = new Dictionary<string, YamlTreeNode>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var path = $"contracts[{i}]";
            if (sequence.Items[i] is not YamlTreeMapping mapping)
            {
                reader.Report(DiagnosticCodes.ContractWrongType, $"`{path}` must be a mapping with `name` and `models`.", sequence.Items[i],
                    "Write each contract as keys under its `- `, for example `- name: orders` then `models: [...]` indented below it.");
                continue;
            }

            var contract = BindContract(reader.Keys(mapping, ContractKeys.ContractItem, path), mapping);
            if (contract.Name.Length > 0 && names.TryGetValue(contract.Name, out var first))
            {
                reader.Report(DiagnosticCodes.ContractDuplicateName, $"Two contracts are named `{contract.Name}`.", NameNode(mapping),
                    $"The first is at line {first.Line}. Contract names must be unique (case does not count): rename or merge one.");
            }
            else if (contract.Name.Length > 0)
            {
                names.Add(contract.Name, NameNode(mapping));
            }

            contracts.Add(contract);
        }

        return contracts.ToImmutable();
    }

    private static YamlTreeNode NameNode(YamlTreeMapping mapping) =>
        mapping.Entries.FirstOrDefault(e => e.Key is YamlTreeScalar { Value: "name" }).Value ?? mapping;

    private Contract BindContract(Dictionary<string, ContractEntry> keys, YamlTreeMapping mapping)
    {
        var models = ImmutableArray<(string Value, SourceLocation Location)>.Empty;
        if (keys.TryGetValue("models", out var modelsEntry))
        {
            if (modelsEntry.Value is YamlTreeSequence { Items.Length: 0 } or YamlTreeScalar { IsNull: true })
            {
                reader.Report(DiagnosticCodes.ContractNoModels, $"`{modelsEntry.Path}` is empty, so the contract covers nothing.", modelsEntry.Value,
                    "List at least one model path glob (relative to the contract file) or dbt model name, for example `models: [\"models/marts/orders.sql\"]`.");
            }
            else
            {
                models = reader.TextList(modelsEntry) ?? [];
            }
        }

        string? secodaId = null;
        if (keys.TryGetValue("secoda_id", out var idEntry) && reader.Text(idEntry) is { } id)
        {
            WarnIfNotUuid(idEntry, id);
            secodaId = id;
        }

        return new Contract
        {
            Name = keys.TryGetValue("name", out var name) ? reader.Text(name) ?? string.Empty : string.Empty,
            Models = models.Select(m => m.Value).ToImmutableArray(),
            ModelLocations = models.Select(m => m.Location).ToImmutableArray(),
            Table = keys.TryGetValue("table", out var table) ? CheckTable(table) : null,
            SecodaId = secodaId,
            OnImpact = keys.TryGetValue("on_impact", out var onImpact) ? reader.Option<ImpactAction>(onImpact, "contracts[].on_impact") : null,
            OnNonBreaking = keys.TryGetValue("on_non_breaking", out var onNonBreaking) ? reader.Option<ImpactAction>(onNonBreaking, "contracts[].on_non_breaking") : null,
            Owners = reader.Strings(keys.GetValueOrDefault("owners")),
            Acknowledged = keys.TryGetValue("acknowledged", out var acknowledged) ? BindAcknowledgements(acknowledged, keys.GetValueOrDefault("name")) : [],
            Location = reader.At(mapping),
        };
    }

    private string? CheckTable(ContractEntry entry)
    {
        if (reader.Text(entry) is not { } text)
        {
            return null;
        }

        var parts = DataContracts.Mapping.TableName.SplitQualified(text, keepQuotes: true);
        if (parts.Count > 3 || parts.Any(p => p.Trim().Length == 0))
        {
            reader.Report(DiagnosticCodes.ContractInvalidTableName,
                $"`{entry.Path}` is `{ContractValueReader.Shorten(text)}`, which has {parts.Count} dotted part(s){(parts.Count > 3 ? string.Empty : " and an empty one")}.", entry.Value,
                "Write `database.schema.name`, `schema.name` or `name`; quote a part that itself contains a dot, for example `ANALYTICS.\"my.schema\".ORDERS`.");
            return null;
        }

        return text;
    }

    private ImmutableArray<Acknowledgement> BindAcknowledgements(ContractEntry entry, ContractEntry? contractName)
    {
        if (entry.Value is not YamlTreeSequence sequence)
        {
            reader.WrongType(entry, "a list", "Start each acknowledgement with `- resource: ...` and give it a `reason`.");
            return [];
        }

        var owner = contractName?.Value is YamlTreeScalar { IsNull: false } n ? $"contract `{n.Value}`" : "its contract";
        var result = ImmutableArray.CreateBuilder<Acknowledgement>();
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var path = $"{entry.Path}[{i}]";
            if (sequence.Items[i] is not YamlTreeMapping mapping)
            {
                reader.Report(DiagnosticCodes.ContractWrongType, $"`{path}` must be a mapping with `resource` and `reason`.", sequence.Items[i],
                    "Write `- resource: \"Finance KPIs\"` and, indented below it, `reason: ...` and optionally `expires: 2027-01-31`.");
                continue;
            }

            var keys = reader.Keys(mapping, ContractKeys.AcknowledgementItem, path);
            var resource = keys.TryGetValue("resource", out var r) ? reader.Text(r) : null;
            var expires = keys.TryGetValue("expires", out var e) ? ReadDate(e) : null;
            if (resource is not null && expires is { } date && date < today)
            {
                reader.Report(DiagnosticCodes.ContractAcknowledgementExpired.Create(
                    $"The acknowledgement of `{resource}` in {owner} (line {mapping.Line}) expired on {date:yyyy-MM-dd} and no longer acknowledges it: its impact counts again.",
                    reader.At(e!.Value),
                    "Extend `expires` if the reason still holds, or remove the acknowledgement."));
            }

            result.Add(new Acknowledgement
            {
                Resource = resource ?? string.Empty,
                Reason = keys.TryGetValue("reason", out var reason) ? reader.Text(reason) ?? string.Empty : string.Empty,
                Expires = expires,
                Location = reader.At(mapping),
                ExpiresLocation = e is null ? null : reader.At(e.Value),
            });
        }

        return result.ToImmutable();
    }

    private DateOnly? ReadDate(ContractEntry entry)
    {
        if (reader.Text(entry) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        reader.Report(DiagnosticCodes.ContractInvalidDate, $"`{entry.Path}` is `{ContractValueReader.Shorten(text)}`, which is not a date written YYYY-MM-DD.", entry.Value,
            "Write a calendar date as year-month-day, for example `expires: 2027-01-31`.");
        return null;
    }

    private void WarnIfNotUuid(ContractEntry entry, string value)
    {
        if (!Guid.TryParseExact(value, "D", out _))
        {
            reader.Report(DiagnosticCodes.ContractNotUuid.Create(
                $"`{entry.Path}` is `{ContractValueReader.Shorten(value)}`, which does not look like a Secoda id (a UUID such as 907104ca-4609-4240-8e50-883c2773bec7).",
                reader.At(entry.Value),
                "Copy the id from the resource's page or the API; it has 36 characters in 8-4-4-4-12 groups."));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
