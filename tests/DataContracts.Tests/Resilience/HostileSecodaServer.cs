using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataContracts.Tests.Resilience;

/// <summary>
/// A Secoda that misbehaves below HTTP, where Kestrel would not: a raw socket on 127.0.0.1 that reads each
/// request's head and answers with what the answer callback writes, so a test can send headers and then reset
/// the connection, stall, or announce an absurd page count. Counts the requests it saw.
/// </summary>
internal sealed class HostileSecodaServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<NetworkStream, int, CancellationToken, Task> _answer;
    private readonly Task _loop;
    private int _requests;

    public HostileSecodaServer(Func<NetworkStream, int, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri ApiUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v1/");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Writes a status line, headers and the first part of a body whose Content-Length promises more.</summary>
    public static async Task WriteHeadAsync(NetworkStream stream, string head, string body, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n" + body), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>A complete JSON answer.</summary>
    public static Task WriteJsonAsync(NetworkStream stream, string json, CancellationToken cancellationToken) =>
        WriteHeadAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}", json, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var seen = new StringBuilder();
                while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await _answer(stream, Interlocked.Increment(ref _requests), _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client gave up on a stalled answer: expected.
            }
        }
    }
}
