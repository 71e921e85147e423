using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Schedule;

/// <summary>Reasons the schedule's conditions give (JoinGroup's <c>reason</c>).</summary>
public static class GateReasons
{
    public const string Closed = "closed";
    public const string AwaitingModerator = "awaitingModerator";
    public const string NoSafeguardingCover = "noSafeguardingCover";
}

/// <summary>
/// A group opens to young people only with safeguarding cover: an active safeguardingLead or deputyLead
/// assigned to it. Cover once seen is remembered for 30 s (removing a lead takes effect within that); a group
/// without cover is looked up on each ask, so a lead assigned counts at once. Without cover the group stays
/// closed (state <c>closed</c>, reason <c>noSafeguardingCover</c>).
/// </summary>
public sealed class SafeguardingCoverCondition(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts) : IGateCondition
{
    private static readonly object Covered = new();

    // Only cover is kept (a null answer never is), so a lead assigned to an uncovered group counts at once.
    private readonly ReadThroughCache _cover = new(cache, "cover:", TimeSpan.FromSeconds(30));

    public int Order => 200;

    public async ValueTask<GateRefusal?> CheckAsync(string groupId, CancellationToken ct) =>
        await _cover.GetAsync(groupId, (contexts, groupId), static (s, ct) => IsCoveredAsync(s.contexts, s.groupId, ct), ct) is null
            ? new GateRefusal(GroupStates.Closed, GateReasons.NoSafeguardingCover)
            : null;

    private static async Task<object?> IsCoveredAsync(IDbContextFactory<AppDbContext> contexts, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var covered = await db.GroupStaff.AsNoTracking()
            .Where(s => s.GroupId == groupId && (s.Duty == Duties.SafeguardingLead || s.Duty == Duties.DeputyLead))
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => a)
            .AnyAsync(a => !a.Disabled, ct);
        return covered ? Covered : null;
    }
}

/// <summary>
/// A group that requires a moderator is open to young people only while at least <c>minModerators</c> (at
/// least one) of its moderators are connected to it; otherwise it waits, or pauses mid-session, with state
/// and reason <c>awaitingModerator</c>. Presence is this instance's <see cref="ConnectionRegistry"/>.
/// </summary>
public sealed class ModeratorPresenceCondition(GroupDirectory groups, ConnectionRegistry registry) : IGateCondition
{
    public int Order => 300;

    public async ValueTask<GateRefusal?> CheckAsync(string groupId, CancellationToken ct)
    {
        var group = await groups.FindAsync(groupId, ct);
        if (group is not { RequireModerator: true })
        {
            return null;
        }

        return registry.ModeratorsPresent(groupId) >= Math.Max(1, group.MinModerators)
            ? null
            : new GateRefusal(GroupStates.AwaitingModerator, GateReasons.AwaitingModerator);
    }
}
