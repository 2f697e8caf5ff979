using DataContracts.Fakes;

namespace DataContracts.Tests.Support;

/// <summary>
/// Holds requests at the fake server until <c>cap</c> of them are waiting, then lets that wave through, so a
/// client that keeps the cap busy is seen with exactly <c>cap</c> in flight and one that breaks it with more,
/// without any sleep. The last wave is let through when request number <c>expected</c> arrives.
/// </summary>
internal sealed class ConcurrencyGate(int cap, int expected)
{
    // A wave that never fills means the client stopped sending while under the cap: released so the test can
    // fail on its counts rather than hang. It bounds a failure only; a passing run never waits this long.
    private static readonly TimeSpan StallGuard = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private TaskCompletionSource _wave = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private int _arrived;
    private int _inFlight;

    /// <summary>Most requests held at once.</summary>
    public int Peak { get; private set; }

    /// <summary>Waves that had to be released by the guard instead of by filling up.</summary>
    public int Stalls { get; private set; }

    public async Task HoldAsync(FakeRequest request, CancellationToken cancellationToken)
    {
        Task wave;
        lock (_lock)
        {
            _arrived++;
            _inFlight++;
            Peak = Math.Max(Peak, _inFlight);
            _waiting++;
            wave = _wave.Task;
            if (_waiting >= cap || _arrived >= expected)
            {
                ReleaseWave();
            }
        }

        try
        {
            await wave.WaitAsync(StallGuard, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                Stalls++;
                if (_wave.Task == wave)
                {
                    ReleaseWave();
                }
            }
        }
        finally
        {
            // Counted out before the answer is written, so the client cannot have sent a successor yet.
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }

    private void ReleaseWave()
    {
        _wave.SetResult();
        _wave = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting = 0;
    }
}
