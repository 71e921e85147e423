using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Journey;

/// <summary>Personal goals under the group's aims, check-ins against them, and the progress they add up to.</summary>
public static class Progress
{
    /// <summary>The caller's own active place in the group, for goals and check-ins they write.</summary>
    public static async Task<Outcome<Member>> OwnActivePlaceAsync(AppDbContext db, CurrentUser user, string groupId, CancellationToken ct)
    {
        var member = user.IsParticipant
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.AccountId == user.Id, ct)
            : null;
        return member switch
        {
            null => Outcome.Forbidden("Goals and check-ins are for the group's young people, each for themselves."),
            { Status: not MemberStatus.Active } => Outcome.Forbidden("Goals and check-ins are for members with a place in the group now."),
            _ => member,
        };
    }

    public static async Task<Outcome<GoalDto>> AddGoalAsync(AppDbContext db, AuditTrail audit, CurrentUser user, Member member, GoalRequest req, DateTimeOffset now, CancellationToken ct)
    {
        var text = req.Text?.Trim() ?? "";
        if (text.Length is 0 or > JourneyLimits.MaxGoalLength)
        {
            return Outcome.Invalid("text", $"A goal needs 1 to {JourneyLimits.MaxGoalLength} characters, in your own words.");
        }

        var aim = await db.GroupAims.AsNoTracking().FirstOrDefaultAsync(a => a.Id == req.AimId && a.GroupId == member.GroupId && a.RetiredAt == null, ct);
        if (aim is null)
        {
            return Outcome.Invalid("aimId", "Choose one of your group's aims for this goal (GET /api/groups/{id}/aims lists them).");
        }

        if (await db.Goals.CountAsync(g => g.GroupId == member.GroupId && g.MemberId == member.Id, ct) >= JourneyLimits.MaxGoalsPerMember)
        {
            return Outcome.Invalid("text", $"You have {JourneyLimits.MaxGoalsPerMember} goals already; that is the most one person can set.");
        }

        var goal = new Goal { Id = Ids.New(), GroupId = member.GroupId, MemberId = member.Id, AimId = aim.Id, Text = text, CreatedAt = now };
        db.Goals.Add(goal);
        // The goal's words are the young person's: the audit trail records that it exists, not what it says.
        audit.Add(db, user, "goal.set", member.GroupId, "goal", goal.Id, data: new { memberId = member.Id, aimId = aim.Id, length = text.Length });
        await db.SaveChangesAsync(ct);
        return new GoalDto(goal.Id, member.Id, aim.Id, aim.Text, text, now, null);
    }

    public static async Task<List<GoalDto>> GoalsAsync(AppDbContext db, string groupId, string? memberId, CancellationToken ct)
    {
        var goals = await db.Goals.AsNoTracking().Where(g => g.GroupId == groupId && (memberId == null || g.MemberId == memberId))
            .Join(db.GroupAims, g => g.AimId, a => a.Id, (g, a) => new { Goal = g, Aim = a.Text })
            .ToListAsync(ct);
        var ids = goals.Select(g => g.Goal.Id).ToList();
        var latest = (await db.CheckIns.AsNoTracking().Where(c => ids.Contains(c.GoalId)).Select(c => new { c.GoalId, c.At, c.Score }).ToListAsync(ct))
            .GroupBy(c => c.GoalId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!.Score, StringComparer.Ordinal);
        return [.. goals.OrderBy(g => g.Goal.CreatedAt).Select(g => new GoalDto(g.Goal.Id, g.Goal.MemberId, g.Goal.AimId, g.Aim, g.Goal.Text, g.Goal.CreatedAt,
            latest.TryGetValue(g.Goal.Id, out var score) ? score : null))];
    }

    public static async Task<Outcome<CheckInDto>> CheckInAsync(AppDbContext db, AuditTrail audit, CurrentUser user, Member member, CheckInRequest req, DateTimeOffset now, CancellationToken ct)
    {
        if (req.Score is not { } score || score is < JourneyLimits.MinScore or > JourneyLimits.MaxScore)
        {
            return Outcome.Invalid("score", $"score is how it is going, from {JourneyLimits.MinScore} (not well) to {JourneyLimits.MaxScore} (really well).");
        }

        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        if (note?.Length > JourneyLimits.MaxNoteLength)
        {
            return Outcome.Invalid("note", $"A note can have up to {JourneyLimits.MaxNoteLength} characters.");
        }

        var goal = await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == req.GoalId && g.GroupId == member.GroupId && g.MemberId == member.Id, ct);
        if (goal is null)
        {
            return Outcome.Invalid("goalId", "Check in against one of your own goals in this group (GET /api/groups/{id}/goals lists them).");
        }

        var checkIn = new CheckIn { Id = Ids.New(), GroupId = member.GroupId, MemberId = member.Id, GoalId = goal.Id, Score = score, Note = note, At = now };
        db.CheckIns.Add(checkIn);
        audit.Add(db, user, "checkin.recorded", member.GroupId, "goal", goal.Id, data: new { memberId = member.Id, score, noteLength = note?.Length ?? 0 });
        await db.SaveChangesAsync(ct);
        return new CheckInDto(checkIn.Id, goal.Id, score, note, now);
    }

    /// <summary>
    /// A member's progress, for the member themself (also after they have left) and the group's staff.
    /// Other young people are refused: a young person's goals and scores are theirs.
    /// </summary>
    public static async Task<Outcome<ProgressDto>> ForAsync(AppDbContext db, GroupAccess access, CurrentUser user, string groupId, string memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId, ct);
        var isSelf = member is not null && user.IsParticipant && member.AccountId == user.Id;
        if (!isSelf && !await access.IsStaffOfAsync(user, groupId, ct))
        {
            return Outcome.Forbidden("Progress is private: only the young person themself and their group's staff can see it.");
        }

        if (member is null)
        {
            return Outcome.NotFound("There is no member with that id in this group.");
        }

        var groupName = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Name).FirstAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.GroupId == groupId && g.MemberId == memberId)
            .Join(db.GroupAims, g => g.AimId, a => a.Id, (g, a) => new { Goal = g, Aim = a.Text })
            .ToListAsync(ct);
        var points = (await db.CheckIns.AsNoTracking().Where(c => c.GroupId == groupId && c.MemberId == memberId).ToListAsync(ct))
            .ToLookup(c => c.GoalId, StringComparer.Ordinal);
        return new ProgressDto(groupId, groupName, member.Id, member.DisplayName, [.. goals.OrderBy(g => g.Goal.CreatedAt).Select(g => new GoalProgress(
            g.Goal.Id, g.Goal.AimId, g.Aim, g.Goal.Text, g.Goal.CreatedAt,
            [.. points[g.Goal.Id].OrderBy(c => c.At).Select(c => new ProgressPoint(c.Id, c.At, c.Score, c.Note))]))]);
    }
}
