using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OnlineGroup.Server.Accounts;

/// <summary>
/// Slows password guessing: after <see cref="AuthOptions.MaxFailedLogins"/> failures for one username,
/// sign-in for that name is refused for <see cref="AuthOptions.Lockout"/>, doubling on each further
/// lockout. Keyed by the name typed, whether or not the account exists, so it reveals nothing.
/// Per instance (documented); a cluster multiplies the allowance by its instance count.
/// </summary>
public sealed class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan? LockedFor(string normalizedUsername)
    {
        if (_entries.TryGetValue(normalizedUsername, out var entry) && entry.LockedUntil is { } until)
        {
            var left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                return left;
            }
        }

        return null;
    }

    public void Failed(string normalizedUsername)
    {
        if (_entries.Count > MaxTracked)
        {
            _entries.Clear();
        }

        _entries.AddOrUpdate(normalizedUsername, _ => new Entry(1, 0, null), (_, e) =>
        {
            var failures = e.Failures + 1;
            if (failures < options.Value.MaxFailedLogins)
            {
                return e with { Failures = failures };
            }

            var lockouts = Math.Min(e.Lockouts, 6);
            var lockout = options.Value.Lockout * (1 << lockouts);
            return new Entry(0, e.Lockouts + 1, time.GetUtcNow() + lockout);
        });
    }

    public void Succeeded(string normalizedUsername) => _entries.TryRemove(normalizedUsername, out _);

    private sealed record Entry(int Failures, int Lockouts, DateTimeOffset? LockedUntil);
}
