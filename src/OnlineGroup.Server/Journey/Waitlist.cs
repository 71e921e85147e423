using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Journey;

/// <summary>One place on the waiting list as staff see it.</summary>
public sealed record WaitlistEntryDto(string MemberId, string DisplayName, int Age, string Kind, int Position, DateTimeOffset WaitingSince, bool Redeemed);

public sealed record ReorderRequest(string? MemberId, int? Position, string? Reason);

/// <summary>
/// A group's waiting list, in an order staff control. When a place frees (a member exits, or any other
/// change leaves fewer active members than the capacity), the first on the list gets it at once: their
/// status moves to <c>active</c> (no separate "offered" step, so a young person who has waited is not
/// kept waiting for staff to confirm) and the group's staff are told with <c>WaitlistPlaceOffered</c>.
/// </summary>
public sealed partial class Waitlist(
    IDbContextFactory<AppDbContext> contexts,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    ILogger<Waitlist> logger)
{
    // One offer at a time per group on this instance, so two places freeing at once never fill one place twice.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _offering = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts a new member at the end of the group's list, in the caller's unit of work (AddMember), and
    /// returns their position.
    /// </summary>
    public static async Task<int> AddAsync(AppDbContext db, Member member, DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.WaitlistPlaces.Where(w => w.GroupId == member.GroupId).MaxAsync(w => (int?)w.Position, ct) ?? 0;
        db.WaitlistPlaces.Add(new WaitlistPlace { MemberId = member.Id, GroupId = member.GroupId, Position = last + 1, WaitingSince = now });
        return last + 1;
    }

    /// <summary>The list in order. Positions are ranks (1..n), whatever two racing additions stored.</summary>
    public static async Task<List<WaitlistEntryDto>> ListAsync(AppDbContext db, string groupId, CancellationToken ct)
    {
        var rows = await db.WaitlistPlaces.AsNoTracking().Where(w => w.GroupId == groupId)
            .Join(db.Members, w => w.MemberId, m => m.Id, (w, m) => new { Place = w, Member = m })
            .Where(x => x.Member.Status == MemberStatus.Waitlisted)
            .ToListAsync(ct);
        return [.. rows.OrderBy(x => x.Place.Position).ThenBy(x => x.Place.WaitingSince).ThenBy(x => x.Member.Id, StringComparer.Ordinal)
            .Select((x, i) => new WaitlistEntryDto(x.Member.Id, x.Member.DisplayName, x.Member.Age, x.Member.Kind, i + 1, x.Place.WaitingSince,
                x.Member.AccountId is not null))];
    }

    /// <summary>Takes a member off the list (they exited while waiting), in the caller's unit of work.</summary>
    public static async Task RemoveAsync(AppDbContext db, string groupId, string memberId, CancellationToken ct)
    {
        var places = await OrderedPlacesAsync(db, groupId, ct);
        var place = places.FirstOrDefault(p => p.MemberId == memberId);
        if (place is not null)
        {
            places.Remove(place);
            db.WaitlistPlaces.Remove(place);
            Renumber(places);
        }
    }

    /// <summary>Moves one waiting member to a new position (1 = next to be offered a place), with the reason on the audit trail.</summary>
    public async Task<Outcome<List<WaitlistEntryDto>>> ReorderAsync(CurrentUser user, string groupId, ReorderRequest req, CancellationToken ct)
    {
        var reason = req.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > JourneyLimits.MaxNoteLength)
        {
            return Outcome.Invalid("reason", $"Say why the order changes (1 to {JourneyLimits.MaxNoteLength} characters): it is kept on the audit trail.");
        }

        if (req.Position is not { } wanted || wanted < 1)
        {
            return Outcome.Invalid("position", "position is where the member should be on the list, starting at 1 (next to be offered a place).");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var places = await OrderedPlacesAsync(db, groupId, ct);
        var place = places.FirstOrDefault(p => p.MemberId == req.MemberId);
        if (place is null)
        {
            return Outcome.Invalid("memberId", "That member is not on this group's waiting list.");
        }

        var from = places.IndexOf(place) + 1;
        var to = Math.Min(wanted, places.Count);
        places.Remove(place);
        places.Insert(to - 1, place);
        Renumber(places);
        audit.Add(db, user, "waitlist.reordered", groupId, "member", place.MemberId, reason, new { from, to });
        await db.SaveChangesAsync(ct);
        JourneyLog.WaitlistReordered(logger, groupId, place.MemberId, from, to, user.Id);
        return await ListAsync(db, groupId, ct);
    }

    /// <summary>
    /// Gives every free place (capacity minus active members) to the first on the list, in order; tells the
    /// group's staff. Safe to call at any time: with no free place or nobody waiting it changes nothing.
    /// Returns the members offered a place.
    /// </summary>
    public async Task<IReadOnlyList<string>> OfferFreedPlacesAsync(string groupId, CurrentUser? actor, CancellationToken ct)
    {
        var one = _offering.GetOrAdd(groupId, _ => new SemaphoreSlim(1, 1));
        await one.WaitAsync(ct);
        List<(Member Member, int Position)> offered = [];
        int stillWaiting;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var capacity = await db.Groups.Where(g => g.Id == groupId).Select(g => (int?)g.Capacity).FirstOrDefaultAsync(ct);
            if (capacity is null)
            {
                return [];
            }

            var active = await db.Members.CountAsync(m => m.GroupId == groupId && m.Status == MemberStatus.Active, ct);
            var free = capacity.Value - active;
            var places = await OrderedPlacesAsync(db, groupId, ct);
            if (free <= 0 || places.Count == 0)
            {
                return [];
            }

            var ids = places.Select(p => p.MemberId).ToList();
            var members = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, ct);
            foreach (var place in places.ToList())
            {
                if (offered.Count == free)
                {
                    break;
                }

                places.Remove(place);
                db.WaitlistPlaces.Remove(place);
                if (!members.TryGetValue(place.MemberId, out var member) || member.Status != MemberStatus.Waitlisted)
                {
                    continue; // not waiting any more: the place was stale
                }

                member.Status = MemberStatus.Active;
                offered.Add((member, offered.Count + 1));
                audit.Add(db, actor, "waitlist.offered", groupId, "member", member.Id,
                    data: new { waitedSince = place.WaitingSince, capacity, activeBefore = active });
            }

            Renumber(places);
            stillWaiting = places.Count;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            one.Release();
        }

        foreach (var (member, _) in offered)
        {
            JourneyLog.PlaceOffered(logger, groupId, member.Id, stillWaiting);
            await TellStaffAsync(groupId, member, stillWaiting, ct);
        }

        return [.. offered.Select(o => o.Member.Id)];
    }

    private async Task TellStaffAsync(string groupId, Member member, int stillWaiting, CancellationToken ct)
    {
        try
        {
            var staff = await JourneyAudience.StaffOfAsync(contexts, groupId, ct);
            await hub.Clients.Users(staff).WaitlistPlaceOffered(new WaitlistPlaceOfferedEvent(groupId, member.Id, member.DisplayName, stillWaiting));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Recorded is recorded: staff also see it on the audit trail and in the member list.
            JourneyLog.TellStaffFailed(logger, groupId, error);
        }
    }

    private static async Task<List<WaitlistPlace>> OrderedPlacesAsync(AppDbContext db, string groupId, CancellationToken ct)
    {
        var places = await db.WaitlistPlaces.Where(w => w.GroupId == groupId).ToListAsync(ct);
        return [.. places.OrderBy(p => p.Position).ThenBy(p => p.WaitingSince).ThenBy(p => p.MemberId, StringComparer.Ordinal)];
    }

    private static void Renumber(List<WaitlistPlace> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Position != i + 1)
            {
                ordered[i].Position = i + 1;
            }
        }
    }
}
