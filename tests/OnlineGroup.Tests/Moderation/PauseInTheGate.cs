using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Tests.Moderation;

/// <summary>A moderator's pause as the gate reports it: only an open session becomes paused.</summary>
public sealed class PauseInTheGate
{
    private static readonly SessionWindow Tonight = new(new DateTimeOffset(2027, 1, 1, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 20, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnOpenSessionThatIsPausedReportsPausedAndKeepsItsTimes()
    {
        var gate = new PauseAwareGate(new Fixed(new GateDecision(GroupStates.Open, null, Tonight, null)), new PauseCondition(new Paused(true)));

        var decision = await gate.DecideAsync("g1");

        decision.Should().Be(new GateDecision(GroupStates.Paused, GroupStates.Paused, Tonight, null));
        decision.IsOpen.Should().BeFalse();
    }

    [Fact]
    public async Task AClosedGroupStaysClosedWhilePausedAndAnUnpausedOneStaysOpen()
    {
        var closed = new GateDecision(GroupStates.Closed, GroupStates.Closed, null, Tonight);
        (await new PauseAwareGate(new Fixed(closed), new PauseCondition(new Paused(true))).DecideAsync("g1")).Should().Be(closed);

        var open = new GateDecision(GroupStates.Open, null, Tonight, null);
        (await new PauseAwareGate(new Fixed(open), new PauseCondition(new Paused(false))).DecideAsync("g1")).Should().Be(open);
    }

    [Fact]
    public void ThePauseIsAskedAfterReadinessCoverAndPresence() => new PauseCondition(new Paused(false)).Order.Should().Be(400);

    private sealed class Fixed(GateDecision decision) : IGroupGate
    {
        public ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default) => ValueTask.FromResult(decision);
    }

    private sealed class Paused(bool paused) : IGroupModeration
    {
        public ValueTask<bool> IsPausedAsync(string groupId, CancellationToken ct = default) => ValueTask.FromResult(paused);

        public ValueTask<ModerationSnapshot> GetAsync(string groupId, CancellationToken ct = default) =>
            ValueTask.FromResult(ModerationSnapshot.None with { Paused = paused });

        public void Invalidate(string groupId)
        {
        }
    }
}
