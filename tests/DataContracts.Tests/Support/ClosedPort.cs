using System.Net;
using System.Net.Sockets;

namespace DataContracts.Tests.Support;

/// <summary>
/// A loopback port where a connection is refused, for as long as the test holds it: "the service is down".
/// </summary>
/// <remarks>
/// Closing a server and reusing its port races: another test's server (bound to port 0) may get that port a
/// moment later, and the "down" service answers. A listener that never accepts does not reproduce the failure
/// either: the kernel completes the handshake into its backlog and the request hangs until a timeout, a different
/// diagnostic. So the socket here is bound but never listens: with no listener on the port the kernel answers a
/// connection attempt with a reset (connection refused, the documented "unreachable" failure), and while the port
/// stays bound, without address reuse, neither an explicit bind nor the kernel's choice for port 0 can hand it to
/// anyone else.
/// </remarks>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary><c>http://127.0.0.1:port/</c> followed by <paramref name="path"/>.</summary>
    public Uri Url(string path = "") => new($"http://127.0.0.1:{Port}/{path}");

    public void Dispose() => socket.Dispose();
}
