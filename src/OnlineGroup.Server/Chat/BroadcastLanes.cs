using System.Threading.Channels;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// Delivers what happens after a commit (broadcasts, live notices) off the writer's path. Each group
/// always uses the same lane, so its events go out in commit (seq) order; a slow or backed-up client
/// in one group holds up only its lane, never the writer that stores everyone's messages.
/// </summary>
public sealed partial class BroadcastLanes : IHostedService
{
    private const int LaneCount = 8;
    private readonly Channel<LaneItem>[] _lanes;
    private readonly Task[] _workers = new Task[LaneCount];
    private readonly ILogger<BroadcastLanes> _logger;

    public BroadcastLanes(ILogger<BroadcastLanes> logger)
    {
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, LaneCount).Select(_ => Channel.CreateUnbounded<LaneItem>(new UnboundedChannelOptions { SingleReader = true }))];
    }

    /// <summary>Queues <paramref name="work"/> behind everything earlier for the same group.</summary>
    public void Enqueue(string groupId, Func<Task> work) => _lanes[LaneOf(groupId)].Writer.TryWrite(new LaneItem(work, null));

    /// <summary>
    /// Queues a committed batch's steps, in their order, as one item per lane: a closure and a queue item per
    /// step per message were most of the lanes' cost. A step that fails does not keep the next from running.
    /// The lanes take <paramref name="steps"/> over: the caller must not change it afterwards.
    /// </summary>
    public void Enqueue(List<AfterCommitStep> steps)
    {
        if (steps.Count == 0)
        {
            return;
        }

        // On a quiet evening a batch is one message, so its steps share one lane: hand the list on as it is
        // (a list, an array of lanes and a closure per message were a twelfth of the light load's garbage).
        var first = LaneOf(steps[0].GroupId);
        var oneLane = true;
        for (var i = 1; i < steps.Count && oneLane; i++)
        {
            oneLane = LaneOf(steps[i].GroupId) == first;
        }

        if (oneLane)
        {
            _lanes[first].Writer.TryWrite(new LaneItem(null, steps));
            return;
        }

        var perLane = new List<AfterCommitStep>?[LaneCount];
        foreach (var step in steps)
        {
            (perLane[LaneOf(step.GroupId)] ??= []).Add(step);
        }

        for (var lane = 0; lane < LaneCount; lane++)
        {
            if (perLane[lane] is { } mine)
            {
                _lanes[lane].Writer.TryWrite(new LaneItem(null, mine));
            }
        }
    }

    private static int LaneOf(string groupId) => (int)((uint)StringComparer.Ordinal.GetHashCode(groupId) % LaneCount);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < LaneCount; i++)
        {
            var lane = _lanes[i];
            _workers[i] = Task.Run(() => RunAsync(lane), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        // Drain what was committed before stopping, unless the host runs out of patience.
        await Task.WhenAll(_workers.Where(w => w is not null)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(Channel<LaneItem> lane)
    {
        await foreach (var item in lane.Reader.ReadAllAsync())
        {
            if (item.Steps is { } steps)
            {
                await RunAsync(steps);
                continue;
            }

            try
            {
                await item.Work!();
            }
            catch (Exception error)
            {
                // Stored is stored: a client that missed a broadcast catches up with GetHistory.
                LogFailed(_logger, error);
            }
        }
    }

    private async Task RunAsync(List<AfterCommitStep> steps)
    {
        foreach (var step in steps)
        {
            try
            {
                await step.Action(step.Outcome);
            }
            catch (Exception error)
            {
                LogFailed(_logger, error);
            }
        }
    }

    [LoggerMessage(2301, LogLevel.Warning, "A broadcast after commit failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}

/// <summary>One thing for a lane to do: a piece of work, or a committed batch's steps for the lane's groups.</summary>
internal readonly record struct LaneItem(Func<Task>? Work, List<AfterCommitStep>? Steps);

/// <summary>What to do for one committed message once it is durable, on its group's lane.</summary>
public readonly record struct AfterCommitStep(string GroupId, Func<WriteOutcome, Task> Action, WriteOutcome Outcome);
