using System.Net;

using DataContracts.Diagnostics;

namespace DataContracts.Secoda;

/// <summary>Rules for the Secoda base URL: one canonical form, HTTPS unless loopback, same-origin checks.</summary>
internal static class SecodaUrl
{
    /// <summary>
    /// Returns the base as <c>scheme://host[:port]/…/api/v1/</c>. A bare host gets <c>/api/v1/</c>; a path
    /// ending in <c>/api/v1</c> gets its slash. Throws <see cref="InputException"/> (DC6010) for anything that
    /// is not an absolute http(s) URL, for credentials, query or fragment in the URL, and for plain
    /// <c>http://</c> to a host other than loopback (the key would cross the network in clear text).
    /// </summary>
    public static Uri Normalize(string baseUrl)
    {
        var text = baseUrl?.Trim() ?? string.Empty;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid($"The Secoda URL '{Shorten(text)}' is not an absolute http(s) URL.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Invalid("The Secoda URL contains credentials; put the API key in the environment variable instead.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw Invalid($"The Secoda URL '{uri.GetLeftPart(UriPartial.Path)}' has a query or fragment; give only the API base.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw Invalid($"The Secoda URL '{uri.GetLeftPart(UriPartial.Path)}' uses http://; the API key would travel unencrypted. Use https:// (plain http is accepted only for loopback hosts).");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api/v1";
        }

        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path + "/").Uri;
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Same scheme, host and port: the only place the API key may be sent.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static InputException Invalid(string message) =>
        new(DiagnosticCodes.SecodaInvalidUrl.Create(
            message,
            hint: "Set secoda.url in the contract file or SECODA_API_URL to the API base, e.g. https://api.secoda.co/api/v1/ (EU https://eapi.secoda.co/api/v1/)."));

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
