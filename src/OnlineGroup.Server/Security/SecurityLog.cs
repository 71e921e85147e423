namespace OnlineGroup.Server.Security;

/// <summary>Hostile or broken input. Ids, sizes and counts only: never a body, a message's text or a token.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(9001, LogLevel.Warning, "Hub connection refused for {AccountId}: already at the cap of {Cap} connections")]
    public static partial void ConnectionRefused(ILogger logger, string accountId, int cap);

    [LoggerMessage(9002, LogLevel.Information, "{Method} {Path} refused: body of {Length} bytes is over the {Limit}-byte limit")]
    public static partial void BodyTooLarge(ILogger logger, string method, string path, long length, long limit);

    [LoggerMessage(9003, LogLevel.Information, "{Method} {Path} answered {Status}: the request could not be read ({Reason})")]
    public static partial void BadRequest(ILogger logger, string method, string path, int status, string reason);
}
