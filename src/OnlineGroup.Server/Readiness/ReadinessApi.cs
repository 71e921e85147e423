using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Readiness;

public static class ReadinessApi
{
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/groups/{groupId}").RequireAuthorization(Policies.SignedIn);
        groups.MapGet("/readiness", GetReadiness).RequireAuthorization(Policies.Staff);
        groups.MapPut("/readiness", PutReadiness).RequireAuthorization(Policies.Staff);
        // Staff policy, then the duty check inside: a refusal says who can sign off.
        groups.MapPost("/readiness/sign-off", SignOff).RequireAuthorization(Policies.Staff);
        groups.MapGet("/house-rules", GetHouseRules);
        groups.MapPost("/agreement", Agree).RequireAuthorization(Policies.Participant);
        // Read before redeeming, so anonymous; guessing codes here counts against the same throttle as redeeming.
        app.MapGet("/api/invitations/{code}", GetInvitation).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetReadiness(string groupId, HttpContext http, AppDbContext db, GroupAccess access,
        IOptions<ReadinessOptions> options, TimeProvider time)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (!await access.IsStaffOfAsync(CurrentUser.From(http.User), groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        var readiness = await db.GroupReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId, http.RequestAborted);
        return TypedResults.Ok(await ToDtoAsync(db, group, readiness, options.Value, time.GetUtcNow(), http.RequestAborted));
    }

    private static async Task<IResult> PutReadiness(string groupId, PutReadinessRequest req, HttpContext http, AppDbContext db, GroupAccess access,
        AuditTrail audit, ReadinessDirectory directory, IGroupGate gate, IOptions<ReadinessOptions> options, TimeProvider time, ILogger<ReadinessDirectory> logger)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (!await access.IsStaffOfAsync(user, groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        var (content, errors) = await ReadinessInput.ReadAsync(db, groupId, req, http.RequestAborted);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var readiness = await db.GroupReadiness.FirstOrDefaultAsync(r => r.GroupId == groupId, http.RequestAborted);
        if (req.Version is { } loaded && loaded != (readiness?.Version ?? 0))
        {
            return Problems.Conflict($"Someone else changed this group's readiness since you loaded it (it is now version {readiness?.Version ?? 0}). Reload it, make your changes again and save.");
        }

        var now = time.GetUtcNow();
        var changed = content.Differences(readiness ?? new GroupReadiness { GroupId = groupId });
        if (changed.Count > 0)
        {
            if (readiness is null)
            {
                readiness = new GroupReadiness { GroupId = groupId };
                db.Add(readiness);
            }

            var wasSignedOff = readiness.SignedOffVersion is not null && readiness.SignedOffVersion == readiness.Version;
            if (wasSignedOff && options.Value.RequireReadiness && req.ConfirmVoid != true && await InSessionUntilAsync(gate, group, readiness, now, http.RequestAborted) is { } until)
            {
                // Voiding mid-session would shut the young people in the room out of it: only on purpose.
                return Problems.Conflict($"{group.Name} is in session until {until}. Saving this change voids the sign-off, and young people are kept out " +
                    "until a safeguarding lead signs it off again. Save it after the session, or send confirmVoid: true to do it now.");
            }

            content.ApplyTo(readiness);
            readiness.Version++;
            if (changed.Contains("houseRules"))
            {
                readiness.HouseRulesVersion++;
            }

            readiness.UpdatedAt = now;
            readiness.UpdatedBy = user.Id;
            audit.Add(db, user, "readiness.updated", groupId, "readiness", groupId,
                data: new { readiness.Version, changed, readiness.HouseRulesVersion, genders = readiness.Genders });
            if (wasSignedOff)
            {
                // Any edit after sign-off needs a safeguarding lead's eyes again before young people come in.
                readiness.VoidedAt = now;
                readiness.VoidedBy = user.Id;
                audit.Add(db, user, "readiness.signOffVoided", groupId, "readiness", groupId,
                    reason: "edited after sign-off", data: new { signedOffVersion = readiness.SignedOffVersion, readiness.Version });
            }

            if (!await TrySaveAsync(db, readiness, http.RequestAborted))
            {
                return Problems.Conflict(Concurrent);
            }

            directory.Invalidate(groupId);
            ReadinessLog.Updated(logger, groupId, readiness.Version, changed.Count, wasSignedOff);
        }

        return TypedResults.Ok(await ToDtoAsync(db, group, readiness, options.Value, now, http.RequestAborted));
    }

    private static async Task<IResult> SignOff(string groupId, SignOffRequest req, HttpContext http, AppDbContext db, AuditTrail audit,
        ReadinessDirectory directory, IOptions<ReadinessOptions> options, TimeProvider time, ILogger<ReadinessDirectory> logger)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        var mayLead = user.IsAdmin || (user.Role == Roles.Safeguarding && await db.GroupStaff.AnyAsync(
            s => s.GroupId == groupId && s.AccountId == user.Id && (s.Duty == Duties.SafeguardingLead || s.Duty == Duties.DeputyLead), http.RequestAborted));
        if (!mayLead)
        {
            return Problems.Forbidden("Only a safeguarding lead or deputy lead of this group, or an admin, can sign off its risk assessment.");
        }

        var readiness = await db.GroupReadiness.FirstOrDefaultAsync(r => r.GroupId == groupId, http.RequestAborted);
        var gaps = ReadinessRules.ContentGaps(readiness, (await AimsAsync(db, groupId, http.RequestAborted)).Count);
        if (readiness is null || gaps.Count > 0)
        {
            return Problems.Invalid("readiness", "The risk assessment cannot be signed off yet. Still missing: " + string.Join(" ", gaps));
        }

        if (req.Version is { } reviewed && reviewed != readiness.Version)
        {
            return Problems.Conflict($"The readiness changed since you reviewed it (you reviewed version {reviewed}, it is now version {readiness.Version}). Please review it again.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(group.TimeZone);
        var now = time.GetUtcNow();
        var today = ReadinessRules.LocalDate(zone, now);
        if (req.ReviewBy is not { } reviewBy || reviewBy <= today || reviewBy > today.AddDays(ReadinessLimits.MaxReviewDays))
        {
            return Problems.Invalid("reviewBy",
                $"Give a review date (reviewBy, e.g. {ReadinessRules.Format(today.AddMonths(6))}) after today and no more than a year ahead; the sign-off holds until that day begins.");
        }

        readiness.SignedOffBy = user.Id;
        readiness.SignedOffAt = now;
        readiness.SignedOffVersion = readiness.Version;
        readiness.ReviewBy = reviewBy;
        readiness.VoidedAt = null;
        readiness.VoidedBy = null;
        audit.Add(db, user, "readiness.signedOff", groupId, "readiness", groupId,
            data: new { readiness.Version, reviewBy = ReadinessRules.Format(reviewBy) });
        if (!await TrySaveAsync(db, readiness, http.RequestAborted))
        {
            return Problems.Conflict(Concurrent);
        }

        directory.Invalidate(groupId);
        ReadinessLog.SignedOff(logger, groupId, readiness.Version, user.Id);
        return TypedResults.Ok(await ToDtoAsync(db, group, readiness, options.Value, now, http.RequestAborted));
    }

    private static async Task<IResult> GetInvitation(string code, HttpContext http, AppDbContext db, LoginThrottle throttle, IGroupGate gate)
    {
        // Never log here: the code is in the path, and a log scope carries the path.
        var key = AccountsApi.InviteThrottleKey(http);
        if (throttle.LockedFor(key) is { } left)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
            return TypedResults.Problem($"Too many tries with invitation codes. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Please wait");
        }

        var hash = InviteCodes.Hash(code);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.InviteCodeHash == hash, http.RequestAborted);
        if (member is null || member.Status is MemberStatus.Removed or MemberStatus.Exited)
        {
            throttle.Failed(key);
            return Problems.NotFound("That invitation code is not valid. Check it with the person who gave it to you.");
        }

        if (member.AccountId is not null)
        {
            return Problems.Conflict("That invitation code has already been used. Sign in with the username chosen then, or ask staff for a new code.");
        }

        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == member.GroupId, http.RequestAborted);
        var readiness = await db.GroupReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == group.Id, http.RequestAborted);
        var decision = await gate.DecideAsync(group.Id, http.RequestAborted);
        return TypedResults.Ok(new InvitationDto(group.Name, await AimsAsync(db, group.Id, http.RequestAborted), readiness?.HouseRules, readiness?.HouseRulesVersion ?? 0,
            decision.CurrentSession ?? decision.NextSession));
    }

    private static async Task<IResult> GetHouseRules(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (!await access.CanReadAsync(user, groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not a member or staff of this group.");
        }

        var member = user.IsParticipant ? await access.MemberAsync(user, groupId, http.RequestAborted) : null;
        var readiness = await db.GroupReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId, http.RequestAborted);
        return TypedResults.Ok(HouseRules(group, await AimsAsync(db, groupId, http.RequestAborted), readiness, member));
    }

    private static async Task<IResult> Agree(string groupId, AgreementRequest? req, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider time, ILogger<ReadinessDirectory> logger)
    {
        var user = CurrentUser.From(http.User);
        var member = await db.Members.FirstOrDefaultAsync(m => m.GroupId == groupId && m.AccountId == user.Id, http.RequestAborted);
        if (member is not { Status: MemberStatus.Active or MemberStatus.Waitlisted })
        {
            return Problems.Forbidden("You are not a member of this group.");
        }

        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == groupId, http.RequestAborted);
        var readiness = await db.GroupReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId, http.RequestAborted);
        var current = readiness?.HouseRulesVersion ?? 0;
        if (req?.HouseRulesVersion is { } read && read != current)
        {
            return Problems.Conflict("The group's house rules changed since you read them. Please read them again before agreeing.");
        }

        if (member.AgreedRulesVersion != current)
        {
            HouseRulesAgreement.Record(db, audit, member, user, current, time.GetUtcNow());
            await db.SaveChangesAsync(http.RequestAborted);
            ReadinessLog.Agreed(logger, groupId, member.Id, current);
        }

        return TypedResults.Ok(HouseRules(group, await AimsAsync(db, groupId, http.RequestAborted), readiness, member));
    }

    /// <summary>The local end time of the session in progress while the sign-off holds, or null.</summary>
    private static async Task<string?> InSessionUntilAsync(IGroupGate gate, Group group, GroupReadiness readiness, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(group.TimeZone);
        if (ReadinessRules.SignOffGap(readiness, zone, now) is not null || (await gate.DecideAsync(group.Id, ct)).CurrentSession is not { } session)
        {
            return null;
        }

        return TimeZoneInfo.ConvertTime(session.EndsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string Concurrent = "Someone else changed this group's readiness at the same moment. Reload it and try again.";

    /// <summary>False when another save of the same readiness won the race (its version moved on, or it was created first).</summary>
    private static async Task<bool> TrySaveAsync(AppDbContext db, GroupReadiness readiness, CancellationToken ct)
    {
        var creating = db.Entry(readiness).State == EntityState.Added;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException) when (creating)
        {
            return false; // the group's first save raced another: its row exists now
        }
    }

    /// <summary>The group's aims (Journey), in order: what the invitation, the house rules and the checklist show.</summary>
    private static async Task<List<string>> AimsAsync(AppDbContext db, string groupId, CancellationToken ct) =>
        [.. (await Journey.Aims.ListAsync(db, groupId, ct)).Select(a => a.Text)];

    private static HouseRulesDto HouseRules(Group group, IReadOnlyList<string> aims, GroupReadiness? readiness, Member? member)
    {
        var version = readiness?.HouseRulesVersion ?? 0;
        return new HouseRulesDto(group.Id, group.Name, aims, readiness?.HouseRules, version,
            member?.AgreedRulesVersion, member?.AgreedRulesAt, member is not null && version > 0 && (member.AgreedRulesVersion ?? 0) < version);
    }

    private static async Task<ReadinessDto> ToDtoAsync(AppDbContext db, Group group, GroupReadiness? r, ReadinessOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(group.TimeZone);
        string?[] ids = [r?.FacilitatorId, r?.CoFacilitatorId, r?.SignedOffBy];
        var names = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        FacilitatorDto? Facilitator(string? id, string? training) => id is null ? null : new FacilitatorDto(id, names.GetValueOrDefault(id), training);

        var scenarios = r is null
            ? ReadinessRules.StandardScenarios.Select(s => new ScenarioDto(s, null, true)).ToList()
            : r.Scenarios.Select(s => new ScenarioDto(s.Scenario, s.Response, ReadinessRules.IsStandard(s.Scenario))).ToList();
        var aims = await AimsAsync(db, group.Id, ct);
        var assessment = new AssessmentDto(scenarios, aims, Facilitator(r?.FacilitatorId, r?.FacilitatorTraining),
            Facilitator(r?.CoFacilitatorId, r?.CoFacilitatorTraining), r?.SafeguardingCover, r?.Supervision, r?.AbsencePlan, r?.HouseRules,
            r?.HouseRulesVersion ?? 0, r?.Genders ?? []);
        var signOffGap = ReadinessRules.SignOffGap(r, zone, now);
        var signOff = r is { SignedOffBy: { } by, SignedOffAt: { } at, SignedOffVersion: { } version }
            ? new SignOffDto(by, names.GetValueOrDefault(by), at, version, r.ReviewBy, signOffGap is null, r.VoidedAt, r.VoidedBy)
            : null;
        return new ReadinessDto(group.Id, r?.Version ?? 0, signOffGap is null, options.RequireReadiness, assessment, signOff,
            ReadinessRules.Missing(r, aims.Count, zone, now), ReadinessRules.Notices(r, zone, now), r?.UpdatedAt, r?.UpdatedBy);
    }
}

/// <summary>A PUT's content, tidied and checked, and compared with what is stored.</summary>
internal sealed record ReadinessInput(
    List<RiskScenario> Scenarios,
    string? FacilitatorId,
    string? FacilitatorTraining,
    string? CoFacilitatorId,
    string? CoFacilitatorTraining,
    string? SafeguardingCover,
    string? Supervision,
    string? AbsencePlan,
    string? HouseRules,
    List<string> Genders)
{
    public static async Task<(ReadinessInput Content, Dictionary<string, string[]> Errors)> ReadAsync(
        AppDbContext db, string groupId, PutReadinessRequest req, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string? value, int max, string field, string what)
        {
            var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (trimmed?.Length > max)
            {
                errors[field] = [$"{what} may have at most {max:N0} characters."];
            }

            return trimmed;
        }

        var scenarios = new List<RiskScenario>();
        foreach (var input in req.Scenarios ?? [])
        {
            var name = input?.Scenario?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > ReadinessLimits.ScenarioName)
            {
                errors["scenarios"] = [$"Each scenario needs a name of 1 to {ReadinessLimits.ScenarioName} characters."];
                continue;
            }

            // The standard worst cases keep their standard names, so the checklist recognises them.
            name = ReadinessRules.StandardScenarios.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (scenarios.Any(s => string.Equals(s.Scenario, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors["scenarios"] = [$"The scenario '{name}' is listed twice; give each worst case once, with its response."];
                continue;
            }

            scenarios.Add(new RiskScenario { Scenario = name, Response = Text(input!.Response, ReadinessLimits.LongText, "scenarios", $"The response to '{name}'") });
        }

        if (scenarios.Count > ReadinessLimits.MaxScenarios)
        {
            errors["scenarios"] = [$"List at most {ReadinessLimits.MaxScenarios} scenarios."];
        }

        if (GenderLimits.Normalize(req.Genders, out var genders) is { } genderError)
        {
            errors["genders"] = [genderError];
        }

        var facilitatorId = string.IsNullOrWhiteSpace(req.Facilitator?.UserId) ? null : req.Facilitator.UserId.Trim();
        var coFacilitatorId = string.IsNullOrWhiteSpace(req.CoFacilitator?.UserId) ? null : req.CoFacilitator.UserId.Trim();
        foreach (var (id, field, role) in new[] { (facilitatorId, "facilitator", "The facilitator"), (coFacilitatorId, "coFacilitator", "The co-facilitator") })
        {
            if (id is not null && !await CanFacilitateAsync(db, groupId, id, ct))
            {
                errors[field] = [$"{role} must be an active moderator of this group (an admin can assign one with POST /api/groups/{groupId}/staff) or an admin."];
            }
        }

        if (facilitatorId is not null && facilitatorId == coFacilitatorId)
        {
            errors["coFacilitator"] = ["The co-facilitator must be someone other than the facilitator, so the group is not left with no one when one is away."];
        }

        var content = new ReadinessInput(
            scenarios,
            facilitatorId,
            facilitatorId is null ? null : Text(req.Facilitator!.Training, ReadinessLimits.ShortText, "facilitator", "The facilitator's training"),
            coFacilitatorId,
            coFacilitatorId is null ? null : Text(req.CoFacilitator!.Training, ReadinessLimits.ShortText, "coFacilitator", "The co-facilitator's training"),
            Text(req.SafeguardingCover, ReadinessLimits.LongText, "safeguardingCover", "The safeguarding cover"),
            Text(req.Supervision, ReadinessLimits.LongText, "supervision", "The supervision arrangements"),
            Text(req.AbsencePlan, ReadinessLimits.LongText, "absencePlan", "The plan for holidays and absence"),
            Text(req.HouseRules, ReadinessLimits.LongText, "houseRules", "The house rules"),
            genders);
        return (content, errors);
    }

    private static async Task<bool> CanFacilitateAsync(AppDbContext db, string groupId, string accountId, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Role, a.Disabled }).FirstOrDefaultAsync(ct);
        return account is { Disabled: false } && (account.Role == Roles.Admin || (account.Role == Roles.Moderator
            && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == accountId && s.Duty == Duties.Moderator, ct)));
    }

    /// <summary>The names (as in the API) of the parts that differ from what is stored.</summary>
    public List<string> Differences(GroupReadiness r)
    {
        var changed = new List<string>();
        void Compare(string name, string? mine, string? theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                changed.Add(name);
            }
        }

        Compare("scenarios", JsonSerializer.Serialize(Scenarios.Select(s => new { s.Scenario, s.Response })),
            JsonSerializer.Serialize(r.Scenarios.Select(s => new { s.Scenario, s.Response })));
        Compare("facilitator", FacilitatorId + "\n" + FacilitatorTraining, r.FacilitatorId + "\n" + r.FacilitatorTraining);
        Compare("coFacilitator", CoFacilitatorId + "\n" + CoFacilitatorTraining, r.CoFacilitatorId + "\n" + r.CoFacilitatorTraining);
        Compare("safeguardingCover", SafeguardingCover, r.SafeguardingCover);
        Compare("supervision", Supervision, r.Supervision);
        Compare("absencePlan", AbsencePlan, r.AbsencePlan);
        Compare("houseRules", HouseRules, r.HouseRules);
        Compare("genders", string.Join("\n", Genders), string.Join("\n", r.Genders));
        return changed;
    }

    public void ApplyTo(GroupReadiness r)
    {
        r.Scenarios = Scenarios;
        r.FacilitatorId = FacilitatorId;
        r.FacilitatorTraining = FacilitatorTraining;
        r.CoFacilitatorId = CoFacilitatorId;
        r.CoFacilitatorTraining = CoFacilitatorTraining;
        r.SafeguardingCover = SafeguardingCover;
        r.Supervision = Supervision;
        r.AbsencePlan = AbsencePlan;
        r.HouseRules = HouseRules;
        r.Genders = Genders;
    }
}
