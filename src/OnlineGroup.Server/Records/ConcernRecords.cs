using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Records;

public static class ConcernSourceNames
{
    public const string Scan = "scan";
    public const string Report = "report";
    public const string Moderator = "moderator";
}

/// <summary>
/// What the records need from safeguarding concerns: those raised in a session (handover), those about one
/// young person (risk timeline), the messages retention must keep (a concern points at them), and what a
/// subject access export holds about concerns. The Safeguarding feature's concerns plug in here.
/// </summary>
public interface IConcernRecords
{
    Task<IReadOnlyList<ConcernRef>> RaisedInAsync(AppDbContext db, string groupId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    Task<IReadOnlyList<TimelineEntry>> AboutMemberAsync(AppDbContext db, string groupId, string memberId, CancellationToken ct);

    /// <summary>Ids of messages a concern points at, among <paramref name="candidates"/>: retention keeps them.</summary>
    Task<IReadOnlySet<string>> ProtectedAsync(AppDbContext db, IReadOnlyCollection<string> candidates, CancellationToken ct);

    /// <summary>Concerns about the subject (their lines only in any transcript) and reports they made.</summary>
    Task<object> ExportAsync(AppDbContext db, ExportSubject subject, CancellationToken ct);
}
