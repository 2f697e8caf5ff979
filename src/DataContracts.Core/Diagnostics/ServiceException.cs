namespace DataContracts.Diagnostics;

/// <summary>
/// A remote service (the catalog or GitHub) could not be used: unreachable, unauthorized, retries
/// exhausted, or it answered with something the API does not document. Exit code 3.
/// The message must say what to check and must never contain a secret.
/// </summary>
internal sealed class ServiceException : Exception
{
    public ServiceException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.Message, inner)
    {
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }
}
