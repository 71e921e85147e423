using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Groups;

public static class GroupsApi
{
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/groups").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/", CreateGroup).RequireAuthorization(Policies.Moderation);
        api.MapGet("/", ListGroups);
        api.MapGet("/{groupId}", GetGroup);
        api.MapGet("/{groupId}/staff", ListStaff).RequireAuthorization(Policies.Staff);
        api.MapPost("/{groupId}/staff", AssignStaff).RequireAuthorization(Policies.Admin);
        api.MapGet("/{groupId}/members", ListMembers).RequireAuthorization(Policies.Staff);
        api.MapPost("/{groupId}/members", AddMember).RequireAuthorization(Policies.Staff);
        api.MapPost("/{groupId}/sessions", CreateSession).RequireAuthorization(Policies.Staff);
        return api;
    }

    private static async Task<IResult> CreateGroup(CreateGroupRequest req, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        var name = req.Name?.Trim();
        Check(!string.IsNullOrEmpty(name) && name.Length <= 100, "name", "A group needs a name of 1 to 100 characters.");
        var timeZone = req.TimeZone?.Trim() ?? "";
        Check(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), "timeZone",
            $"'{timeZone}' is not a known IANA time zone; use a name such as Europe/London.");
        var capacity = req.Capacity ?? 12;
        Check(capacity is >= 1 and <= 500, "capacity", "Capacity must be between 1 and 500 young people.");
        var minAge = req.MinAge ?? 11;
        var maxAge = req.MaxAge ?? 25;
        Check(minAge is >= 5 and <= 99 && maxAge is >= 5 and <= 99 && minAge <= maxAge, "minAge",
            "The age range needs minAge and maxAge between 5 and 99, with minAge no more than maxAge.");
        var minModerators = req.MinModerators ?? 1;
        Check(minModerators is >= 0 and <= 10, "minModerators", "minModerators must be between 0 and 10.");
        Check((req.ClosedMessage?.Length ?? 0) <= 1000, "closedMessage", "The closed message may have at most 1,000 characters.");
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var group = new Group
        {
            Id = Ids.New(),
            Name = name!,
            TimeZone = timeZone,
            Capacity = capacity,
            MinAge = minAge,
            MaxAge = maxAge,
            AllowSupporters = req.AllowSupporters ?? false,
            RequireModerator = req.RequireModerator ?? true,
            MinModerators = minModerators,
            Premoderate = req.Premoderate ?? false,
            ClosedMessage = string.IsNullOrWhiteSpace(req.ClosedMessage) ? null : req.ClosedMessage.Trim(),
            CreatedBy = user.Id,
            CreatedAt = time.GetUtcNow(),
        };
        db.Groups.Add(group);
        if (user.Role == Roles.Moderator)
        {
            // Whoever sets a group up facilitates it until an admin says otherwise.
            db.GroupStaff.Add(new GroupStaff { GroupId = group.Id, AccountId = user.Id, Duty = Duties.Moderator, AssignedAt = time.GetUtcNow() });
        }

        Journey.Aims.AddDefaults(db, group.Id, time.GetUtcNow()); // staff edit them later: PUT /api/groups/{id}/aims
        audit.Add(db, user, "group.created", group.Id, "group", group.Id, data: GroupDto.From(group));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/groups/{group.Id}", GroupDto.From(group));
    }

    private static async Task<IResult> ListGroups(HttpContext http, AppDbContext db)
    {
        var user = CurrentUser.From(http.User);
        IQueryable<Group> query = db.Groups.AsNoTracking();
        if (user.IsParticipant)
        {
            query = query.Where(g => db.Members.Any(m => m.GroupId == g.Id && m.AccountId == user.Id));
        }
        else if (!user.IsAdmin)
        {
            query = query.Where(g => db.GroupStaff.Any(s => s.GroupId == g.Id && s.AccountId == user.Id));
        }

        var groups = await query.OrderBy(g => g.Name).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(groups.Select(GroupDto.From));
    }

    private static async Task<IResult> GetGroup(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        return await access.CanReadAsync(user, groupId, http.RequestAborted)
            ? TypedResults.Ok(GroupDto.From(group))
            : Problems.Forbidden("You are not a member or staff of this group.");
    }

    private static async Task<IResult> ListStaff(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (!await access.IsStaffOfAsync(CurrentUser.From(http.User), groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        var staff = await db.GroupStaff.AsNoTracking().Where(s => s.GroupId == groupId)
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new StaffDutyDto(a.Id, a.DisplayName, a.Role, s.Duty))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(staff);
    }

    private static async Task<IResult> AssignStaff(string groupId, AssignStaffRequest req, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, http.RequestAborted))
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (req.Duty is null || !Duties.All.Contains(req.Duty))
        {
            return Problems.Invalid("duty", "duty must be one of: moderator, safeguardingLead, deputyLead, supervisor.");
        }

        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == req.UserId, http.RequestAborted);
        if (account is null || !Roles.IsStaff(account.Role) || account.Disabled)
        {
            return Problems.Invalid("userId", "userId must be an active staff account.");
        }

        var fits = req.Duty switch
        {
            Duties.Moderator => account.Role is Roles.Moderator or Roles.Admin,
            Duties.Supervisor => true, // any experienced staff member can supervise facilitators
            _ => account.Role is Roles.Safeguarding or Roles.Admin,
        };
        if (!fits)
        {
            return Problems.Invalid("duty", $"A {account.Role} account cannot hold the {req.Duty} duty: moderators moderate, safeguarding staff lead.");
        }

        if (!await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == account.Id && s.Duty == req.Duty, http.RequestAborted))
        {
            db.GroupStaff.Add(new GroupStaff { GroupId = groupId, AccountId = account.Id, Duty = req.Duty, AssignedAt = time.GetUtcNow() });
            audit.Add(db, user, "staff.assigned", groupId, "account", account.Id, data: new { duty = req.Duty });
            await db.SaveChangesAsync(http.RequestAborted);
        }

        return TypedResults.Ok(new StaffDutyDto(account.Id, account.DisplayName, account.Role, req.Duty));
    }

    private static async Task<IResult> ListMembers(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (!await access.IsStaffOfAsync(CurrentUser.From(http.User), groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        var members = await db.Members.AsNoTracking().Where(m => m.GroupId == groupId).OrderBy(m => m.CreatedAt)
            .Select(m => new MemberDto(m.Id, m.DisplayName, m.Age, m.Kind, m.Status, m.AccountId != null, m.CreatedAt))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(members);
    }

    private static async Task<IResult> AddMember(string groupId, AddMemberRequest req, HttpContext http, AppDbContext db, GroupAccess access, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (!await access.IsStaffOfAsync(user, groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        var kind = req.Kind ?? MemberKinds.Member;
        if (kind is not (MemberKinds.Member or MemberKinds.Supporter))
        {
            return Problems.Invalid("kind", "kind must be \"member\" or \"supporter\".");
        }

        if (kind == MemberKinds.Supporter && !group.AllowSupporters)
        {
            return Problems.Invalid("kind", $"{group.Name} does not take supporters (friends); only young people it is for can join.");
        }

        if (req.Age is not { } age || age < group.MinAge || age > group.MaxAge)
        {
            return Problems.Invalid("age", $"{group.Name} is for ages {group.MinAge} to {group.MaxAge}; the age given was {req.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}.");
        }

        var gender = await Readiness.GenderLimits.CheckAsync(db, group, req.Gender, http.RequestAborted);
        if (gender.Error is { } genderError)
        {
            return Problems.Invalid("gender", genderError);
        }

        var staffNames = await db.Accounts.AsNoTracking().Where(a => a.Role != Roles.Participant).Select(a => a.DisplayName).ToListAsync(http.RequestAborted);
        if (Names.CheckDisplayName(req.DisplayName, forYoungPerson: true, staffNames) is { } nameError)
        {
            return Problems.Invalid("displayName", nameError);
        }

        var taken = await db.Members.CountAsync(m => m.GroupId == groupId && m.Status == MemberStatus.Active, http.RequestAborted);
        // Full, or others are already waiting: nobody new goes ahead of the waiting list.
        var status = taken >= group.Capacity || await db.WaitlistPlaces.AnyAsync(w => w.GroupId == groupId, http.RequestAborted)
            ? MemberStatus.Waitlisted
            : MemberStatus.Active;
        var code = InviteCodes.New();
        var member = new Member
        {
            Id = Ids.New(),
            GroupId = groupId,
            DisplayName = req.DisplayName!,
            Age = age,
            Kind = kind,
            Status = status,
            InviteCodeHash = InviteCodes.Hash(code),
            CreatedAt = time.GetUtcNow(),
            Gender = gender.Stored,
        };
        db.Members.Add(member);
        int? position = status == MemberStatus.Waitlisted ? await Journey.Waitlist.AddAsync(db, member, time.GetUtcNow(), http.RequestAborted) : null;
        audit.Add(db, user, "member.added", groupId, "member", member.Id, data: new { kind, status, waitlistPosition = position });
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/groups/{groupId}/members/{member.Id}", new AddMemberResponse(member.Id, code, status, position));
    }

    private static async Task<IResult> CreateSession(string groupId, CreateSessionRequest req, HttpContext http, AppDbContext db, GroupAccess access, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        if (!await access.IsStaffOfAsync(user, groupId, http.RequestAborted))
        {
            return await db.Groups.AnyAsync(g => g.Id == groupId, http.RequestAborted)
                ? Problems.Forbidden("You are not on this group's staff.")
                : Problems.NotFound("There is no group with that id.");
        }

        if (req.StartsAt is not { } startsAt || req.EndsAt is not { } endsAt)
        {
            return Problems.Invalid("startsAt", "A session needs startsAt and endsAt, as ISO-8601 times with an offset.");
        }

        if (Schedule.ScheduleValidation.ValidateOneOff(startsAt, endsAt, time.GetUtcNow()) is { Count: > 0 } problems)
        {
            return Problems.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        var session = new OneOffSession
        {
            Id = Ids.New(),
            GroupId = groupId,
            StartsAt = startsAt.ToUniversalTime(),
            EndsAt = endsAt.ToUniversalTime(),
            CreatedBy = user.Id,
            CreatedAt = time.GetUtcNow(),
        };
        db.OneOffSessions.Add(session);
        audit.Add(db, user, "session.created", groupId, "session", session.Id, data: new { session.StartsAt, session.EndsAt });
        await db.SaveChangesAsync(http.RequestAborted);
        await http.RequestServices.GetRequiredService<IScheduleChanged>().ChangedAsync(groupId, http.RequestAborted);
        return TypedResults.Created($"/api/groups/{groupId}/sessions/{session.Id}", new OneOffSessionDto(session.Id, session.StartsAt, session.EndsAt));
    }
}

/// <summary>Told after any change to a group's sessions or closures, so timed actions are rebuilt.</summary>
public interface IScheduleChanged
{
    Task ChangedAsync(string groupId, CancellationToken ct);
}

public static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// An id that sorts by creation time (a version 7 UUID), for rows written many times a second: each
    /// insert lands at the end of the primary-key index instead of on a random page of it, so a commit
    /// writes a few pages to the log, not one per message.
    /// </summary>
    public static string NewInOrder(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
