using System.Collections.Concurrent;

namespace Cairn.Server.Security;

/// <summary>
/// Slows down password guessing: after a failed login, the next attempts from the same address or for the same name
/// wait before they are answered — half a second after the first failure, doubling up to fifteen seconds — until a
/// quarter of an hour passes without failure or the login succeeds. Bounded: the oldest entries go first.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long an attempt by <paramref name="name"/> from <paramref name="address"/> waits before it is checked.</summary>
    public TimeSpan DelayFor(string name, string address)
    {
        var failures = Math.Max(Count("n:" + name), Count("a:" + address));
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var delay = First * Math.Pow(2, Math.Min(failures - 1, 10));
        return delay < Longest ? delay : Longest;
    }

    public void Failed(string name, string address)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxEntries)
        {
            foreach (var old in _failures.OrderBy(f => f.Value.Last).Take(MaxEntries / 10).ToList())
            {
                _failures.TryRemove(old.Key, out _);
            }
        }

        foreach (var key in new[] { "n:" + name, "a:" + address })
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => new Failures(now - f.Last > Forget ? 1 : f.Count + 1, now));
        }
    }

    public void Succeeded(string name, string address)
    {
        _failures.TryRemove("n:" + name, out _);
        _failures.TryRemove("a:" + address, out _);
    }

    private int Count(string key) =>
        _failures.TryGetValue(key, out var f) && time.GetUtcNow() - f.Last <= Forget ? f.Count : 0;

    private sealed record Failures(int Count, DateTimeOffset Last);
}
