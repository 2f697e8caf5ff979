using System.Collections.Concurrent;

namespace DataContracts.Tests.Support;

/// <summary>
/// A clock that stands still unless the test moves it: every timer the code under test asks for is recorded with
/// the time it was asked and the delay requested, and fires at once. A retry that honours <c>Retry-After: 3600</c>
/// costs no wall time, and the test reads back exactly what the code chose to wait.
/// </summary>
/// <remarks>
/// Deadlines that guard real I/O (a hung socket, the run's <c>--timeout</c>) stay on the real clock in the
/// product; only waits the code chooses (retry backoff, Retry-After) and "now" come from here.
/// </remarks>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<Wait> _waits = new();
    private long _elapsedTicks;

    /// <summary>A clock at 2026-01-15 09:00:00 UTC.</summary>
    public TestClock()
        : this(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public readonly record struct Wait(DateTimeOffset At, TimeSpan Delay);

    public DateTimeOffset Start => start;

    /// <summary>Every wait asked for, in the order asked.</summary>
    public IReadOnlyList<Wait> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
        {
            throw new NotSupportedException("The code under test asked for a periodic timer; this clock only models one-off waits.");
        }

        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _waits.Enqueue(new Wait(GetUtcNow(), dueTime));
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
