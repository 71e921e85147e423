using System.Diagnostics.Metrics;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// What the message writer does, for operators (<c>dotnet-counters monitor --counters OnlineGroup.Chat</c>
/// or any OpenTelemetry exporter): how many messages it stores, in how many commits, and how full each
/// commit is. Counts only, never content.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "OnlineGroup.Chat";

    private readonly Counter<long> _commits;
    private readonly Counter<long> _stored;
    private readonly Histogram<int> _batchSize;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commits = meter.CreateCounter<long>("onlinegroup.writer.commits", "{commit}", "Transactions committed by the message writer (one disk sync each).");
        _stored = meter.CreateCounter<long>("onlinegroup.writer.messages", "{message}", "Messages stored or published by the message writer.");
        _batchSize = meter.CreateHistogram<int>("onlinegroup.writer.batch_size", "{message}", "Messages per commit of the message writer.");
    }

    public void Committed(int messages)
    {
        _commits.Add(1);
        _stored.Add(messages);
        _batchSize.Record(messages);
    }
}
