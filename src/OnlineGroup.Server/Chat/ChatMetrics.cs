using System.Diagnostics.Metrics;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// What the message writer does, for operators (<c>dotnet-counters monitor --counters OnlineGroup.Chat</c>
/// or any OpenTelemetry exporter): how many messages it stores, in how many commits, how full each
/// commit is and how long each takes (a slow disk shows here first). Counts and times only, never content.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "OnlineGroup.Chat";

    private readonly Counter<long> _commits;
    private readonly Counter<long> _stored;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _queueDuration;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commits = meter.CreateCounter<long>("onlinegroup.writer.commits", "{commit}", "Transactions committed by the message writer (one disk sync each).");
        _stored = meter.CreateCounter<long>("onlinegroup.writer.messages", "{message}", "Messages stored or published by the message writer.");
        _batchSize = meter.CreateHistogram<int>("onlinegroup.writer.batch_size", "{message}", "Messages per commit of the message writer.");
        _commitDuration = meter.CreateHistogram<double>("onlinegroup.writer.commit.duration", "s",
            "Time from the start of a batch's transaction to its commit on disk: every sender in the batch waits this long for the answer.");
        _queueDuration = meter.CreateHistogram<double>("onlinegroup.writer.queue.duration", "s",
            "Time a message waited for the message writer before its batch began: how far behind the writer is.");
    }

    public void Waited(TimeSpan waited) => _queueDuration.Record(waited.TotalSeconds);

    public void Committed(int messages, TimeSpan took)
    {
        _commits.Add(1);
        _stored.Add(messages);
        _batchSize.Record(messages);
        _commitDuration.Record(took.TotalSeconds);
    }
}
