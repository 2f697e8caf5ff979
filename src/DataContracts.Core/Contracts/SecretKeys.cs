namespace DataContracts.Contracts;

/// <summary>
/// Recognises keys under which people paste credentials (<c>token:</c>, <c>api_key:</c>...). The file is
/// committed to git, so such a key is refused with its own message and its value is never repeated.
/// </summary>
internal static class SecretKeys
{
    private static readonly string[] Exact = ["key", "auth", "authorization", "bearer", "credentials", "pat"];

    private static readonly string[] Endings = ["token", "secret", "password", "passwd", "apikey", "accesskey", "privatekey", "credential"];

    public static bool LooksLikeSecret(string key)
    {
        var normalized = new string(key.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return Exact.Contains(normalized, StringComparer.Ordinal)
            || Endings.Any(ending => normalized.EndsWith(ending, StringComparison.Ordinal));
    }
}
