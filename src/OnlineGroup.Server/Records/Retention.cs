using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Records;

/// <summary>Configuration section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How long chat messages are kept, in days (default 90).</summary>
    [Range(1, 3650, ErrorMessage = "Retention:ChatDays is how many days chat is kept: from 1 to 3650 (the default is 90).")]
    public int ChatDays { get; set; } = 90;
}

public sealed record PurgeResult(int Groups, int Deleted, int Kept);

/// <summary>
/// Records retention: chat messages older than <c>Retention:ChatDays</c> are deleted every night, except
/// those a concern points at and those the safeguarding scan flagged, held or blocked (each raised a
/// concern; the concern's frozen transcript excerpt keeps the words around them). Concerns and the audit
/// trail are kept. Each group's purge is on its audit trail, and <c>GetHistory</c> tells a client asking
/// for purged history that it is gone.
/// </summary>
public sealed partial class Retention(
    IDbContextFactory<AppDbContext> contexts,
    IEnumerable<IConcernRecords> concernRecords,
    AuditTrail audit,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<Retention> logger)
{
    private const int Chunk = 500;

    /// <summary>Deletes expired chat in every group; "now" comes from <see cref="TimeProvider"/>. The nightly job calls this.</summary>
    public async Task<PurgeResult> PurgeExpiredChatAsync(CancellationToken ct = default)
    {
        var days = options.Value.ChatDays;
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-days);
        List<string> groups;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            groups = await db.Messages.Where(m => m.SentAt < cutoff).Select(m => m.GroupId)
                .Union(db.BackchannelMessages.Where(b => b.SentAt < cutoff).Select(b => b.GroupId))
                .Distinct().ToListAsync(ct);
        }

        int deleted = 0, kept = 0, touched = 0;
        foreach (var groupId in groups)
        {
            var (d, k) = await PurgeGroupAsync(groupId, cutoff, days, now, ct);
            deleted += d;
            kept += k;
            touched += d > 0 ? 1 : 0;
        }

        LogPurged(logger, touched, deleted, kept, days);
        return new PurgeResult(touched, deleted, kept);
    }

    private async Task<(int Deleted, int Kept)> PurgeGroupAsync(string groupId, DateTimeOffset cutoff, int days, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var expired = await db.Messages.AsNoTracking().Where(m => m.GroupId == groupId && m.SentAt < cutoff)
            .Select(m => new { m.Id, m.Seq, Flagged = m.Severity != null }).ToListAsync(ct);
        var keep = expired.Where(m => m.Flagged).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = expired.Where(m => !m.Flagged).Select(m => m.Id).ToList();
        foreach (var source in concernRecords)
        {
            keep.UnionWith(await source.ProtectedAsync(db, candidates, ct));
        }

        var doomed = expired.Where(m => !keep.Contains(m.Id)).ToList();
        if (doomed.Count == 0 && !await db.BackchannelMessages.AnyAsync(b => b.GroupId == groupId && b.SentAt < cutoff, ct))
        {
            return (0, keep.Count);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in doomed.Select(m => m.Id).Chunk(Chunk))
        {
            await db.Messages.Where(m => chunk.Contains(m.Id) && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        }

        // Private words between staff and a young person are chat too, kept for the same time.
        var privateWords = await db.BackchannelMessages.Where(b => b.GroupId == groupId && b.SentAt < cutoff).ExecuteDeleteAsync(ct);

        var purgedThrough = doomed.Max(m => m.Seq) ?? 0;
        var mark = await db.ChatRetention.FirstOrDefaultAsync(r => r.GroupId == groupId, ct);
        if (mark is null)
        {
            mark = new ChatRetentionMark { GroupId = groupId };
            db.ChatRetention.Add(mark);
        }

        (mark.PurgedThroughSeq, mark.KeepDays, mark.PurgedAt) = (Math.Max(mark.PurgedThroughSeq, purgedThrough), days, now);
        audit.Add(db, null, "chat.purged", groupId, "group", groupId,
            data: new { deleted = doomed.Count, privateMessages = privateWords, kept = keep.Count, olderThan = cutoff, keepDays = days, purgedThroughSeq = mark.PurgedThroughSeq });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (doomed.Count, keep.Count);
    }

    /// <summary>
    /// Refuses a history request reaching into purged chat, saying what is kept (called by
    /// <see cref="MessageService.HistoryAsync"/>).
    /// </summary>
    public static string? PurgedHistory(ChatRetentionMark? mark, long afterSeq) =>
        mark is not null && afterSeq < mark.PurgedThroughSeq
            ? $"Messages before seq {mark.PurgedThroughSeq + 1} are no longer kept (the service keeps chat for {mark.KeepDays} days). Ask for history after seq {mark.PurgedThroughSeq}."
            : null;

    [LoggerMessage(8121, LogLevel.Information, "Retention: {Deleted} chat messages older than {Days} days deleted in {Groups} groups, {Kept} kept for concerns")]
    private static partial void LogPurged(ILogger logger, int groups, int deleted, int kept, int days);
}
