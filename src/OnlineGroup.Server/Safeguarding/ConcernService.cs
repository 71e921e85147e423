using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// A concern's life: raised (by the scan, a peer report or a moderator) with its transcript, history,
/// outbox notification and audit entry in one transaction; routed at once; re-escalated when its
/// deadline passes unacknowledged; acknowledged, noted and resolved by safeguarding staff.
/// </summary>
public sealed partial class ConcernService(
    IDbContextFactory<AppDbContext> contexts,
    AuditTrail audit,
    ConcernAudience audience,
    ConcernOutbox outbox,
    RecentMessages recent,
    IHubContext<ChatHub, IChatClient> hub,
    IOptionsMonitor<SafeguardingOptions> options,
    IOptionsMonitor<SupportContactsOptions> contacts,
    TimeProvider time,
    ILogger<ConcernService> logger)
{
    /// <summary>Everything that commits with a new concern.</summary>
    public sealed record NewConcern(Concern Concern, ConcernEntry Entry, ConcernNotification Notification, AuditEntry Audit)
    {
        public IEnumerable<object> Entities => [Concern, Entry, Notification, Audit];
    }

    // ----- Raising --------------------------------------------------------------------------------

    /// <summary>
    /// The concern for a young person's message that the scan flagged, held or blocked, built to commit in
    /// the message's own transaction. Its transcript is the group's recent visible messages and this one.
    /// </summary>
    public NewConcern FromScan(Message message, ScanResult scan, DateTimeOffset now)
    {
        IReadOnlyList<TranscriptLine> transcript = [.. recent.Before(message.GroupId), TranscriptLine.From(message, ofConcern: true)];
        return Prepare(message, ConcernSources.Scan, ConcernMapping.Lower(scan.Action), ConcernMapping.Lower(scan.Severity),
            scan.Categories, raisedBy: null, reason: null, note: null, transcript, now);
    }

    /// <summary>After the concern has committed: tell staff, offer the young person support, send the notification.</summary>
    public async Task AfterRaisedAsync(Concern concern, string? supportAccountId)
    {
        outbox.Wake();
        await audience.RaisedAsync(concern);
        if (supportAccountId is not null)
        {
            await hub.Clients.User(supportAccountId).SupportOffered(
                new SupportOfferedEvent(concern.GroupId, options.CurrentValue.SupportOfferText, contacts.CurrentValue.ForYoungPeople));
        }

        LogRaised(logger, concern.Id, concern.GroupId, concern.Source, concern.Severity, concern.MessageId);
    }

    /// <summary>
    /// "I'm worried about someone": a young person reports a message they saw. The reported young person
    /// is told nothing; who reported is kept for staff only. Reporting the same message again answers the
    /// same concern.
    /// </summary>
    public async Task<ConcernResult<ConcernCreated>> ReportAsync(CurrentUser reporter, JoinedGroup? joined, string groupId, string messageId,
        string? reason, CancellationToken ct)
    {
        if (joined is null || joined.IsGroupStaff)
        {
            return Refusal.Forbidden("Join the group first: you can report messages in a group you are in.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > ConcernLimits.MaxReasonLength)
        {
            return Refusal.Invalid("reason", $"Please keep the reason to {ConcernLimits.MaxReasonLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.GroupId == groupId, ct);
        if (message is null || message.Status is not (MessageStatus.Published or MessageStatus.Removed))
        {
            return Refusal.NotFound("There is no message with that id in this group's chat.");
        }

        var existing = await db.Concerns.AsNoTracking()
            .Where(c => c.MessageId == messageId && c.Source == ConcernSources.Report && c.RaisedBy == reporter.Id)
            .Select(c => c.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new ConcernCreated(existing);
        }

        // A young person's worry about another is taken seriously until a lead has looked: at least high.
        var severity = ConcernMapping.ParseSeverity(message.Severity) is Severity.Critical ? "critical" : "high";
        var transcript = await TranscriptAroundAsync(db, message, ct);
        var created = Prepare(message, ConcernSources.Report, action: null, severity, ["peerReport"], reporter, reason, note: null, transcript, time.GetUtcNow());
        db.AddRange(created.Entities);
        await db.SaveChangesAsync(ct);
        await AfterRaisedAsync(created.Concern, supportAccountId: null);
        return new ConcernCreated(created.Concern.Id);
    }

    /// <summary>A moderator (or admin) escalates a message to the group's safeguarding staff.</summary>
    public async Task<ConcernResult<ConcernCreated>> EscalateMessageAsync(CurrentUser moderator, string groupId, string messageId,
        string? severityText, string? note, CancellationToken ct)
    {
        if (ConcernMapping.ParseSeverity(severityText) is not { } severity)
        {
            return Refusal.Invalid("severity", "severity must be low, medium, high or critical.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > ConcernLimits.MaxNoteLength)
        {
            return Refusal.Invalid("note", $"A note may have at most {ConcernLimits.MaxNoteLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var moderates = moderator.IsAdmin
            ? await db.Groups.AnyAsync(g => g.Id == groupId, ct)
            : await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == moderator.Id && s.Duty == Duties.Moderator, ct);
        if (!moderates)
        {
            return Refusal.Forbidden("You do not moderate this group, so you cannot escalate its messages.");
        }

        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.GroupId == groupId, ct);
        if (message is null)
        {
            return Refusal.NotFound("There is no message with that id in this group.");
        }

        var transcript = await TranscriptAroundAsync(db, message, ct);
        var created = Prepare(message, ConcernSources.Moderator, action: null, ConcernMapping.Lower(severity), ["moderatorEscalation"],
            moderator, reason: null, note, transcript, time.GetUtcNow());
        db.AddRange(created.Entities);
        await db.SaveChangesAsync(ct);
        await AfterRaisedAsync(created.Concern, supportAccountId: null);
        return new ConcernCreated(created.Concern.Id);
    }

    private NewConcern Prepare(Message message, string source, string? action, string severity, IReadOnlyList<string> categories,
        CurrentUser? raisedBy, string? reason, string? note, IReadOnlyList<TranscriptLine> transcript, DateTimeOffset now)
    {
        var concern = new Concern
        {
            Id = Ids.New(),
            GroupId = message.GroupId,
            MessageId = message.Id,
            MemberId = message.AuthorMemberId,
            SubjectAccountId = message.AuthorAccountId,
            Source = source,
            Action = action,
            Severity = severity,
            Categories = string.Join(',', categories),
            Status = ConcernStatus.Raised,
            EscalationLevel = 0,
            RaisedAt = now,
            DueAt = ConcernMapping.HasDeadline(severity) ? now + options.CurrentValue.AcknowledgeWithin : null,
            RaisedBy = raisedBy?.Id,
            ReportReason = reason,
            Transcript = JsonSerializer.Serialize(transcript, JsonSerializerOptions.Web),
        };
        var entry = Entry(concern, ConcernEntryKinds.Raised, raisedBy, now, level: 0, text: note);
        var notification = ConcernNotificationPayload.Row(concern, ConcernNotificationPayload.Raised, now);
        var auditEntry = audit.Create(raisedBy, "concern.raised", concern.GroupId, "concern", concern.Id, data: new
        {
            source,
            messageId = message.Id,
            action,
            severity,
            categories,
            dueAt = concern.DueAt,
        });
        return new NewConcern(concern, entry, notification, auditEntry);
    }

    /// <summary>The visible messages up to the one of concern (at most 10 before it), and that message.</summary>
    private static async Task<IReadOnlyList<TranscriptLine>> TranscriptAroundAsync(AppDbContext db, Message target, CancellationToken ct)
    {
        var query = db.Messages.AsNoTracking().Where(m => m.GroupId == target.GroupId && m.Id != target.Id && m.Seq != null
            && (m.Status == MessageStatus.Published || m.Status == MessageStatus.Removed));
        query = target.Seq is { } seq ? query.Where(m => m.Seq < seq) : query.Where(m => m.SentAt <= target.SentAt);
        var before = await query.OrderByDescending(m => m.Seq).Take(ConcernLimits.TranscriptBefore).ToListAsync(ct);
        before.Reverse();
        return [.. before.Select(m => TranscriptLine.From(m)), TranscriptLine.From(target, ofConcern: true)];
    }

    // ----- Staff decisions --------------------------------------------------------------------------

    public Task<ConcernResult<Concern>> AcknowledgeAsync(CurrentUser user, string concernId, CancellationToken ct) =>
        DecideAsync(user, concernId, (db, concern, now) =>
        {
            if (concern.Status == ConcernStatus.Resolved)
            {
                return Refusal.Conflict("This concern is already resolved.");
            }

            if (concern.Status == ConcernStatus.Acknowledged)
            {
                return null; // already acknowledged: nothing changes, nothing is recorded twice
            }

            concern.Status = ConcernStatus.Acknowledged;
            concern.AcknowledgedAt = now;
            concern.AcknowledgedBy = user.Id;
            concern.DueAt = null;
            concern.Version++;
            db.ConcernEntries.Add(Entry(concern, ConcernEntryKinds.Acknowledged, user, now, concern.EscalationLevel, null));
            audit.Add(db, user, "concern.acknowledged", concern.GroupId, "concern", concern.Id, data: new { concern.EscalationLevel });
            return null;
        }, ct);

    public Task<ConcernResult<Concern>> AddNoteAsync(CurrentUser user, string concernId, string? text, CancellationToken ct)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ConcernLimits.MaxNoteLength)
        {
            return Task.FromResult<ConcernResult<Concern>>(Refusal.Invalid("text", $"A note needs 1 to {ConcernLimits.MaxNoteLength} characters."));
        }

        return DecideAsync(user, concernId, (db, concern, now) =>
        {
            db.ConcernEntries.Add(Entry(concern, ConcernEntryKinds.Note, user, now, concern.EscalationLevel, text));
            audit.Add(db, user, "concern.noted", concern.GroupId, "concern", concern.Id, data: new { length = text.Length });
            return null;
        }, ct);
    }

    public Task<ConcernResult<Concern>> ResolveAsync(CurrentUser user, string concernId, string? outcome, CancellationToken ct)
    {
        outcome = outcome?.Trim();
        if (string.IsNullOrEmpty(outcome) || outcome.Length > ConcernLimits.MaxNoteLength)
        {
            return Task.FromResult<ConcernResult<Concern>>(Refusal.Invalid("outcome",
                $"Say what was done (the outcome), in 1 to {ConcernLimits.MaxNoteLength} characters."));
        }

        return DecideAsync(user, concernId, (db, concern, now) =>
        {
            if (concern.Status == ConcernStatus.Resolved)
            {
                return Refusal.Conflict("This concern is already resolved.");
            }

            concern.Status = ConcernStatus.Resolved;
            concern.AcknowledgedAt ??= now;
            concern.AcknowledgedBy ??= user.Id;
            concern.ResolvedAt = now;
            concern.ResolvedBy = user.Id;
            concern.Outcome = outcome;
            concern.DueAt = null;
            concern.Version++;
            db.ConcernEntries.Add(Entry(concern, ConcernEntryKinds.Resolved, user, now, concern.EscalationLevel, outcome));
            audit.Add(db, user, "concern.resolved", concern.GroupId, "concern", concern.Id, data: new { length = outcome.Length });
            return null;
        }, ct);
    }

    /// <summary>
    /// Loads the concern, checks the caller may act on it, applies the change and saves it with its history
    /// and audit entry. A concurrent change (a deadline run, another lead) is retried on fresh data.
    /// </summary>
    private async Task<ConcernResult<Concern>> DecideAsync(CurrentUser user, string concernId,
        Func<AppDbContext, Concern, DateTimeOffset, Refusal?> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var concern = await db.Concerns.FirstOrDefaultAsync(c => c.Id == concernId, ct);
            if (concern is null || !await ConcernAccess.CanReadAsync(db, user, concern, ct))
            {
                return Refusal.NotFound(ConcernAccess.NoSuchConcern);
            }

            if (await ConcernAccess.CanActAsync(db, user, concern, ct) is false)
            {
                return Refusal.Forbidden(
                    "Only safeguarding staff of this concern's group (or anyone once it has reached all safeguarding staff) can act on it.");
            }

            var before = concern.Status;
            if (change(db, concern, time.GetUtcNow()) is { } refusal)
            {
                return refusal;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                continue;
            }

            if (concern.Status != before)
            {
                await audience.UpdatedAsync(concern, ct);
            }

            return concern;
        }
    }

    // ----- Deadlines ----------------------------------------------------------------------------------

    /// <summary>
    /// Re-escalates every high or critical concern whose acknowledgement deadline has passed: level 1 to
    /// the deputy leads, then, one <c>AcknowledgeWithin</c> later, level 2 to all safeguarding staff. Each
    /// level is recorded, notified (outbox) and sent live; none is skipped, even when the server was down
    /// across several deadlines. Idempotent: "now" comes from TimeProvider, and a concern changed meanwhile
    /// (acknowledged, or escalated by another instance) is left alone.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        List<string> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Concerns.AsNoTracking()
                .Where(c => c.Status == ConcernStatus.Raised && c.DueAt != null && c.DueAt <= now)
                .OrderBy(c => c.DueAt)
                .Select(c => c.Id)
                .ToListAsync(ct);
        }

        var escalated = 0;
        foreach (var id in due)
        {
            escalated += await EscalateOneAsync(id, now, ct);
        }

        return escalated;
    }

    private async Task<int> EscalateOneAsync(string concernId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var concern = await db.Concerns.FirstOrDefaultAsync(c => c.Id == concernId, ct);
        var levels = new List<Concern>();
        while (concern is { Status: ConcernStatus.Raised, DueAt: { } dueAt } && dueAt <= now
            && concern.EscalationLevel < ConcernLimits.MaxEscalationLevel)
        {
            concern.EscalationLevel++;
            concern.Version++;
            // The next deadline counts from this one, so a late run never stretches the time to level 2.
            concern.DueAt = concern.EscalationLevel < ConcernLimits.MaxEscalationLevel ? dueAt + options.CurrentValue.AcknowledgeWithin : null;
            db.ConcernEntries.Add(Entry(concern, ConcernEntryKinds.Escalated, null, now, concern.EscalationLevel, null));
            db.ConcernNotifications.Add(ConcernNotificationPayload.Row(concern, ConcernNotificationPayload.Escalated, now));
            audit.Add(db, null, "concern.escalated", concern.GroupId, "concern", concern.Id, reason: "not acknowledged in time",
                data: new { level = concern.EscalationLevel, dueAt });
            levels.Add(Snapshot(concern));
        }

        if (levels.Count == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Acknowledged (or escalated elsewhere) since it was read: nothing to do.
            return 0;
        }

        outbox.Wake();
        foreach (var level in levels)
        {
            LogEscalated(logger, level.Id, level.GroupId, level.EscalationLevel);
            await audience.UpdatedAsync(level, ct);
        }

        return levels.Count;
    }

    private static Concern Snapshot(Concern c) => new()
    {
        Id = c.Id,
        GroupId = c.GroupId,
        MessageId = c.MessageId,
        MemberId = c.MemberId,
        Source = c.Source,
        Severity = c.Severity,
        Categories = c.Categories,
        Status = c.Status,
        EscalationLevel = c.EscalationLevel,
        RaisedAt = c.RaisedAt,
        Transcript = "",
    };

    private static ConcernEntry Entry(Concern concern, string kind, CurrentUser? actor, DateTimeOffset at, int? level, string? text) => new()
    {
        ConcernId = concern.Id,
        Kind = kind,
        At = at,
        ActorId = actor?.Id ?? AuditTrail.System,
        ActorRole = actor?.Role ?? AuditTrail.System,
        ActorName = actor?.DisplayName,
        Level = level,
        Text = text,
    };

    [LoggerMessage(5211, LogLevel.Information, "Concern {ConcernId} raised in group {GroupId} by {Source} ({Severity}) for message {MessageId}")]
    private static partial void LogRaised(ILogger logger, string concernId, string groupId, string source, string severity, string? messageId);

    [LoggerMessage(5212, LogLevel.Warning, "Concern {ConcernId} in group {GroupId} was not acknowledged in time: escalated to level {Level}")]
    private static partial void LogEscalated(ILogger logger, string concernId, string groupId, int level);
}
