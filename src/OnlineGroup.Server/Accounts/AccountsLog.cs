namespace OnlineGroup.Server.Accounts;

/// <summary>Account events. Ids only: never a username, password or token.</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(1001, LogLevel.Information, "Signed in {AccountId} as {Role}")]
    public static partial void SignedIn(ILogger logger, string accountId, string role);

    [LoggerMessage(1002, LogLevel.Warning, "Sign-in failed")]
    public static partial void SignInFailed(ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning, "Sign-in refused while throttled for {Seconds} s more")]
    public static partial void SignInThrottled(ILogger logger, int seconds);

    [LoggerMessage(1004, LogLevel.Information, "Invitation for member {MemberId} redeemed by account {AccountId}")]
    public static partial void InviteRedeemed(ILogger logger, string memberId, string accountId);

    [LoggerMessage(1005, LogLevel.Information, "Created the first admin {AccountId} from Bootstrap settings")]
    public static partial void BootstrapAdminCreated(ILogger logger, string accountId);

    [LoggerMessage(1006, LogLevel.Warning, "Token refused for {AccountId}: {Why}")]
    public static partial void TokenRefused(ILogger logger, string accountId, string why);

    [LoggerMessage(1007, LogLevel.Warning, "Account {AccountId} disabled; {Connections} live connections closed")]
    public static partial void AccountDisabled(ILogger logger, string accountId, int connections);
}
