using System.Collections.Concurrent;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

// The message path's moderation checks, each answering from memory. Staff are never held back by them.

/// <summary>A young person taken out of this session cannot post in it, from any connection or instance.</summary>
public sealed class RemovedFromSessionRule(IGroupModeration moderation) : ISendRule
{
    public async ValueTask<string?> CheckAsync(SendContext context) =>
        context.Sender is { IsGroupStaff: false, MemberId: { } memberId }
        && (await moderation.GetAsync(context.Group.Id)).RemovedAt(memberId, context.Now) is not null
            ? RejectReasons.NotJoined
            : null;
}

/// <summary>While a moderator has paused the group, young people cannot post; staff can.</summary>
public sealed class PausedRule(IGroupModeration moderation) : ISendRule
{
    public async ValueTask<string?> CheckAsync(SendContext context) =>
        !context.Sender.IsGroupStaff && await moderation.IsPausedAsync(context.Group.Id) ? RejectReasons.Paused : null;
}

/// <summary>A muted young person cannot post until the mute ends (it lifts itself) or a moderator lifts it.</summary>
public sealed class MutedRule(IGroupModeration moderation) : ISendRule
{
    public async ValueTask<string?> CheckAsync(SendContext context) =>
        context.Sender is { IsGroupStaff: false, MemberId: { } memberId }
        && (await moderation.GetAsync(context.Group.Id)).MutedAt(memberId, context.Now) is not null
            ? RejectReasons.Muted
            : null;
}

/// <summary>
/// In slow mode a young person waits the group's number of seconds between messages. Registered last
/// of the moderation rules, so only a send that passed the others starts the wait. The last send
/// times are kept per instance.
/// </summary>
public sealed class SlowModeRule(IGroupModeration moderation) : ISendRule
{
    private readonly ConcurrentDictionary<(string GroupId, string AccountId), DateTimeOffset> _lastSent = new();

    public async ValueTask<string?> CheckAsync(SendContext context)
    {
        if (context.Sender.IsGroupStaff)
        {
            return null;
        }

        var seconds = (await moderation.GetAsync(context.Group.Id)).SlowModeSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        var key = (context.Group.Id, context.Sender.User.Id);
        var window = TimeSpan.FromSeconds(seconds);
        while (true)
        {
            // Check and take the slot in one step: two connections of one person cannot both slip through.
            if (!_lastSent.TryGetValue(key, out var last))
            {
                if (_lastSent.TryAdd(key, context.Now))
                {
                    return null;
                }
            }
            else if (context.Now - last < window)
            {
                return RejectReasons.SlowMode;
            }
            else if (_lastSent.TryUpdate(key, context.Now, last))
            {
                return null;
            }
        }
    }
}

/// <summary>A young person removed from the session cannot come back into it (JoinGroup answers <c>removed</c>).</summary>
public sealed class RemovedFromSessionAdmission(IGroupModeration moderation, TimeProvider time) : IAdmissionRule
{
    public async ValueTask<string?> CheckAsync(CurrentUser user, Member member, CancellationToken ct) =>
        (await moderation.GetAsync(member.GroupId, ct)).RemovedAt(member.Id, time.GetUtcNow()) is not null ? "removed" : null;
}
