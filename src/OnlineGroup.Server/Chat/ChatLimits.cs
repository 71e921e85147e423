namespace OnlineGroup.Server;

/// <summary>Limits that the message path, the schema and the pages agree on.</summary>
public static class ChatLimits
{
    public const int MaxTextLength = 2000;
    public const int MaxClientMessageIdLength = 100;
    public const int HistoryPageSize = 500;
    public const int JoinHistoryCount = 100;
}
