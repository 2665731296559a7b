using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Wfm.Server.Security;

/// <summary>
/// Failed password sign-ins counted per user name and address. After <see cref="SecurityOptions.LockoutAttempts"/>
/// failures from one address within <see cref="SecurityOptions.LockoutTime"/>, that name is locked for that address:
/// an attacker cannot lock the real owner (or the admin) out from elsewhere, and a name that does not exist locks
/// exactly like one that does, so the answers reveal no accounts. The account-wide lockout (Identity's) remains as a
/// backstop against many addresses at <see cref="SecurityOptions.AccountLockoutAttempts"/>.
/// </summary>
public sealed class SignInGuard(IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>Pairs kept at most; expired ones are dropped first when it fills.</summary>
    public const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<(string Name, string Address), Entry> _pairs = new();

    private sealed class Entry
    {
        public readonly Queue<DateTimeOffset> Failures = new();

        public DateTimeOffset? LockedUntil;
    }

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>Until when this name is locked for this address, or null.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address)
    {
        if (!_pairs.TryGetValue((Key(userName), address), out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return entry.LockedUntil is { } until && until > time.GetUtcNow() ? until : null;
        }
    }

    /// <summary>Until when this name is locked from any address, or null.</summary>
    public DateTimeOffset? LockedUntil(string userName)
    {
        var name = Key(userName);
        var now = time.GetUtcNow();
        DateTimeOffset? latest = null;
        foreach (var (key, entry) in _pairs)
        {
            if (key.Name != name)
            {
                continue;
            }

            lock (entry)
            {
                if (entry.LockedUntil is { } until && until > now && (latest is null || until > latest))
                {
                    latest = until;
                }
            }
        }

        return latest;
    }

    /// <summary>Counts a failed attempt; true when this one locks the name for the address.</summary>
    public bool Failed(string userName, string address)
    {
        var now = time.GetUtcNow();
        if (_pairs.Count >= MaxTracked)
        {
            Prune(now);
        }

        var entry = _pairs.GetOrAdd((Key(userName), address), _ => new Entry());
        var o = options.Value;
        lock (entry)
        {
            while (entry.Failures.TryPeek(out var first) && now - first > o.LockoutTime)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            if (entry.Failures.Count < o.LockoutAttempts)
            {
                return false;
            }

            entry.Failures.Clear();
            entry.LockedUntil = now + o.LockoutTime;
            return true;
        }
    }

    /// <summary>A right password from this address: its count starts again.</summary>
    public void Succeeded(string userName, string address) => _pairs.TryRemove((Key(userName), address), out _);

    /// <summary>An admin's unlock: every address may try again.</summary>
    public void Unlock(string userName)
    {
        var name = Key(userName);
        foreach (var key in _pairs.Keys.Where(k => k.Name == name).ToList())
        {
            _pairs.TryRemove(key, out _);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var window = options.Value.LockoutTime;
        foreach (var (key, entry) in _pairs)
        {
            bool stale;
            lock (entry)
            {
                stale = (entry.LockedUntil is null || entry.LockedUntil <= now) && (!entry.Failures.TryPeek(out var last) || now - last > window);
            }

            if (stale)
            {
                _pairs.TryRemove(key, out _);
            }
        }

        // Still full of live entries (an attack from very many addresses): forget the oldest half rather than grow.
        if (_pairs.Count >= MaxTracked)
        {
            foreach (var key in _pairs.Keys.Take(MaxTracked / 2).ToList())
            {
                _pairs.TryRemove(key, out _);
            }
        }
    }
}
