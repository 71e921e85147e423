using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OnlineGroup.Server.Accounts;

namespace OnlineGroup.Server.Chat;

/// <summary>Who a connection is in one group once admitted: for young people, their member id and display name.</summary>
public sealed record JoinedGroup(string GroupId, CurrentUser User, string? MemberId, string DisplayName, bool IsGroupStaff, bool IsModerator);

/// <summary>
/// The connections of this instance and the groups each was admitted to. Connection state, not hub
/// state: it lives as long as the connection, and is gone on disconnect (clients call JoinGroup again).
/// </summary>
public sealed class ConnectionRegistry
{
    // Per connection and per account a small array, replaced whole on a change (a connection is in one
    // group or two; an account has a connection or three): a dictionary each cost ~800 bytes per connection.
    private readonly ConcurrentDictionary<string, JoinedGroup[]> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, JoinedGroup>> _byGroup = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, HubCallerContext[]> _byAccount = new(StringComparer.Ordinal);

    // Moderators connected to each group on other instances, as the scale-out presence last reported them.
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _remoteModerators = new(StringComparer.Ordinal);

    public event Action<string>? PresenceChanged;

    /// <summary>Remembers a new connection so it can be closed when its account is disabled.</summary>
    public void Connected(string accountId, HubCallerContext context) =>
        _byAccount.AddOrUpdate(accountId, static (_, c) => [c], static (_, all, c) => [.. all.Where(x => x.ConnectionId != c.ConnectionId), c], context);

    /// <summary>Closes every live connection of one account on this instance; returns how many.</summary>
    public int Abort(string accountId)
    {
        if (!_byAccount.TryRemove(accountId, out var connections))
        {
            return 0;
        }

        foreach (var context in connections)
        {
            context.Abort();
        }

        return connections.Length;
    }

    public void Join(string connectionId, JoinedGroup joined)
    {
        _byConnection.AddOrUpdate(connectionId, static (_, j) => [j], static (_, all, j) => [.. all.Where(x => x.GroupId != j.GroupId), j], joined);
        _byGroup.GetOrAdd(joined.GroupId, _ => new(StringComparer.Ordinal))[connectionId] = joined;
        PresenceChanged?.Invoke(joined.GroupId);
    }

    public JoinedGroup? Get(string connectionId, string groupId)
    {
        if (_byConnection.TryGetValue(connectionId, out var groups))
        {
            foreach (var joined in groups)
            {
                if (joined.GroupId == groupId)
                {
                    return joined;
                }
            }
        }

        return null;
    }

    public bool Leave(string connectionId, string groupId)
    {
        var left = RemoveFrom(_byConnection, connectionId, j => j.GroupId == groupId);

        if (_byGroup.TryGetValue(groupId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }

        if (left)
        {
            PresenceChanged?.Invoke(groupId);
        }

        return left;
    }

    /// <summary>Forgets a closed connection; returns the groups it had joined.</summary>
    public IReadOnlyList<string> Disconnected(string connectionId, string? accountId = null)
    {
        if (accountId is not null)
        {
            RemoveFrom(_byAccount, accountId, c => c.ConnectionId == connectionId);
        }

        if (!_byConnection.TryRemove(connectionId, out var groups))
        {
            return [];
        }

        foreach (var groupId in groups.Select(j => j.GroupId))
        {
            if (_byGroup.TryGetValue(groupId, out var connections))
            {
                connections.TryRemove(connectionId, out _);
            }

            PresenceChanged?.Invoke(groupId);
        }

        return [.. groups.Select(j => j.GroupId)];
    }

    /// <summary>Takes what matches out of one key's array (the key goes when nothing is left); false when nothing matched.</summary>
    private static bool RemoveFrom<T>(ConcurrentDictionary<string, T[]> map, string key, Predicate<T> match)
    {
        while (map.TryGetValue(key, out var all) && Array.Exists(all, match))
        {
            T[] rest = [.. all.Where(x => !match(x))];
            if (rest.Length == 0 ? map.TryRemove(KeyValuePair.Create(key, all)) : map.TryUpdate(key, rest, all))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Everyone admitted to a group on this instance, by connection id.</summary>
    public IReadOnlyCollection<KeyValuePair<string, JoinedGroup>> InGroup(string groupId) =>
        // ConcurrentDictionary's own ToArray takes a consistent snapshot; copying it as a collection
        // (`[.. connections]`) sizes the array first and throws when someone joins meanwhile.
        _byGroup.TryGetValue(groupId, out var connections) ? connections.ToArray() : [];

    /// <summary>Distinct moderators (by account) connected to the group on this instance and, when scaled out, on the others.</summary>
    public int ModeratorsPresent(string groupId)
    {
        var local = LocalModerators(groupId);
        return _remoteModerators.TryGetValue(groupId, out var remote) && remote.Count > 0
            ? local.Union(remote, StringComparer.Ordinal).Count()
            : local.Count;
    }

    /// <summary>The moderators (account ids) connected to the group on this instance only: what this instance tells the others.</summary>
    public IReadOnlyList<string> LocalModerators(string groupId) =>
        _byGroup.TryGetValue(groupId, out var connections)
            ? [.. connections.Values.Where(j => j.IsModerator).Select(j => j.User.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Records who is moderating a group on the other instances (scale-out presence) and re-evaluates the group.</summary>
    public void SetRemoteModerators(string groupId, IReadOnlySet<string> accountIds)
    {
        var before = _remoteModerators.TryGetValue(groupId, out var previous) ? previous : null;
        if (before is not null && before.SetEquals(accountIds))
        {
            return;
        }

        if (accountIds.Count == 0)
        {
            _remoteModerators.TryRemove(groupId, out _);
        }
        else
        {
            _remoteModerators[groupId] = accountIds;
        }

        PresenceChanged?.Invoke(groupId);
    }

    /// <summary>The groups some other instance has reported moderators in (to recheck that those instances are alive).</summary>
    public IReadOnlyList<string> GroupsWithRemoteModerators() => [.. _remoteModerators.Keys];

    /// <summary>The connection ids of one account in one group (to end a removed member's session).</summary>
    public IReadOnlyList<string> ConnectionsOf(string groupId, Func<JoinedGroup, bool> match) =>
        _byGroup.TryGetValue(groupId, out var connections)
            ? [.. connections.Where(c => match(c.Value)).Select(c => c.Key)]
            : [];
}
