using Microsoft.Extensions.Logging.Abstractions;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Tests.Chat;

public sealed class BroadcastLanesFacts
{
    // A committed batch reaches the lanes as one item per lane; each group must still hear its messages in
    // seq order, batch after batch, and one failed broadcast must not swallow the ones after it.
    [Fact]
    public async Task EachGroupHearsEveryCommittedMessageInSeqOrderEvenWhenOneBroadcastFails()
    {
        var lanes = new BroadcastLanes(NullLogger<BroadcastLanes>.Instance);
        await lanes.StartAsync(CancellationToken.None);
        var groups = Enumerable.Range(0, 30).Select(g => $"group-{g}").ToArray();
        var heard = groups.ToDictionary(g => g, _ => new List<long>());
        var seq = groups.ToDictionary(g => g, _ => 0L);
        var random = new Random(7);
        var expected = 0;

        for (var batch = 0; batch < 200; batch++)
        {
            var steps = new List<AfterCommitStep>();
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                var group = groups[random.Next(groups.Length)];
                var outcome = new WriteOutcome($"m{batch}-{i}", ++seq[group], "published", null, Duplicate: false, "");
                steps.Add(new AfterCommitStep(group, o =>
                {
                    if (o.Seq % 17 == 0)
                    {
                        throw new InvalidOperationException("a client went away mid-send");
                    }

                    lock (heard)
                    {
                        heard[group].Add(o.Seq!.Value);
                    }

                    return Task.CompletedTask;
                }, outcome));
                expected += outcome.Seq % 17 == 0 ? 0 : 1;
            }

            lanes.Enqueue(steps);
        }

        await lanes.StopAsync(CancellationToken.None);

        heard.Values.Sum(h => h.Count).Should().Be(expected);
        foreach (var group in groups)
        {
            heard[group].Should().BeInAscendingOrder().And.OnlyHaveUniqueItems()
                .And.BeEquivalentTo(Enumerable.Range(1, (int)seq[group]).Select(s => (long)s).Where(s => s % 17 != 0));
        }
    }
}
