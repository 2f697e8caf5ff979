namespace DataContracts.Diagnostics;

/// <summary>DC2xxx: problems in the contract file (<c>datacontracts.yml</c>).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ContractFileNotFound =
        new("DC2001", Severity.Error, "Contract file not found");

    public static readonly DiagnosticDescriptor ContractFileUnreadable =
        new("DC2002", Severity.Error, "Contract file cannot be read");

    public static readonly DiagnosticDescriptor ContractFileNotText =
        new("DC2003", Severity.Error, "Contract file is not UTF-8 text");

    public static readonly DiagnosticDescriptor ContractYamlSyntax =
        new("DC2004", Severity.Error, "Contract file is not valid YAML");

    public static readonly DiagnosticDescriptor ContractFileEmpty =
        new("DC2005", Severity.Error, "Contract file is empty");

    public static readonly DiagnosticDescriptor ContractVersion =
        new("DC2006", Severity.Error, "Missing or unsupported contract file version");

    public static readonly DiagnosticDescriptor ContractMultipleDocuments =
        new("DC2007", Severity.Error, "Contract file holds more than one YAML document");

    public static readonly DiagnosticDescriptor ContractUnknownKey =
        new("DC2010", Severity.Error, "Unknown key in contract file");

    public static readonly DiagnosticDescriptor ContractDuplicateKey =
        new("DC2011", Severity.Error, "Duplicate key in contract file");

    public static readonly DiagnosticDescriptor ContractWrongType =
        new("DC2012", Severity.Error, "Value has the wrong type");

    public static readonly DiagnosticDescriptor ContractInvalidOption =
        new("DC2013", Severity.Error, "Value is not one of the allowed options");

    public static readonly DiagnosticDescriptor ContractMissingKey =
        new("DC2014", Severity.Error, "Required key is missing");

    public static readonly DiagnosticDescriptor ContractValueOutOfRange =
        new("DC2015", Severity.Error, "Number is out of range");

    public static readonly DiagnosticDescriptor ContractEmptyValue =
        new("DC2016", Severity.Error, "Value is empty");

    public static readonly DiagnosticDescriptor ContractDuplicateName =
        new("DC2020", Severity.Error, "Two contracts have the same name");

    public static readonly DiagnosticDescriptor ContractNoModels =
        new("DC2021", Severity.Error, "Contract lists no models");

    public static readonly DiagnosticDescriptor ContractInvalidDate =
        new("DC2022", Severity.Error, "Date is not YYYY-MM-DD");

    public static readonly DiagnosticDescriptor ContractInvalidUrl =
        new("DC2023", Severity.Error, "Secoda URL is not an absolute http(s) URL");

    public static readonly DiagnosticDescriptor ContractSecretInFile =
        new("DC2024", Severity.Error, "API secret written in the contract file");

    public static readonly DiagnosticDescriptor ContractInvalidVariableName =
        new("DC2025", Severity.Error, "token_env is not an environment variable name");

    public static readonly DiagnosticDescriptor ContractNotUuid =
        new("DC2026", Severity.Warning, "Secoda id does not look like a UUID");

    public static readonly DiagnosticDescriptor ContractInvalidTableName =
        new("DC2027", Severity.Error, "Table name is not db.schema.name");

    public static readonly DiagnosticDescriptor ContractAcknowledgementExpired =
        new("DC2030", Severity.Warning, "Acknowledgement has expired");

    public static readonly DiagnosticDescriptor ContractInvalidOwnerMapping =
        new("DC2070", Severity.Error, "owners_map entry is not email → GitHub handle");
}
