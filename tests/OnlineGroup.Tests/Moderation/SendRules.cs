using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Tests.Moderation;

/// <summary>The moderation send rules, from an in-memory snapshot: what a young person is told, and that staff are never held back.</summary>
public sealed class SendRules
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 19, 0, 0, TimeSpan.Zero);
    private static readonly Group Evening = new() { Id = "g1", Name = "Evening", TimeZone = "Europe/London", CreatedBy = "admin" };
    private static readonly GateDecision Open = new(GroupStates.Open, null, new SessionWindow(Now.AddHours(-1), Now.AddHours(1)), null);
    private static readonly JoinedGroup Sam = new("g1", new CurrentUser("acc-sam", Roles.Participant, "Sam"), "m-sam", "Sam", IsGroupStaff: false, IsModerator: false);
    private static readonly JoinedGroup Alex = new("g1", new CurrentUser("acc-alex", Roles.Participant, "Alex"), "m-alex", "Alex", IsGroupStaff: false, IsModerator: false);
    private static readonly JoinedGroup Moderator = new("g1", new CurrentUser("acc-mod", Roles.Moderator, "Mo"), null, "Mo", IsGroupStaff: true, IsModerator: true);

    [Fact]
    public async Task APausedGroupRefusesYoungPeopleButNotStaff()
    {
        var rule = new PausedRule(new Fixed(ModerationSnapshot.None with { Paused = true }));

        (await rule.CheckAsync(Send(Sam, Now))).Should().Be(RejectReasons.Paused);
        (await rule.CheckAsync(Send(Moderator, Now))).Should().BeNull();
    }

    [Fact]
    public async Task AMuteHoldsUntilItsTimeAndThenLiftsItself()
    {
        var until = Now.AddMinutes(10);
        var rule = new MutedRule(new Fixed(ModerationSnapshot.None with { Mutes = new Dictionary<string, ActiveRestriction> { ["m-sam"] = new(until, "cool off") } }));

        (await rule.CheckAsync(Send(Sam, until.AddTicks(-1)))).Should().Be(RejectReasons.Muted);
        (await rule.CheckAsync(Send(Sam, until))).Should().BeNull();
        (await rule.CheckAsync(Send(Alex, Now))).Should().BeNull("only Sam is muted");
    }

    [Fact]
    public async Task ARemovedMemberIsNoLongerJoinedUntilTheRemovalEnds()
    {
        var until = Now.AddHours(1);
        var rule = new RemovedFromSessionRule(new Fixed(ModerationSnapshot.None with { Removals = new Dictionary<string, ActiveRestriction> { ["m-sam"] = new(until, "out") } }));

        (await rule.CheckAsync(Send(Sam, Now))).Should().Be(RejectReasons.NotJoined);
        (await rule.CheckAsync(Send(Sam, until))).Should().BeNull();
    }

    [Fact]
    public async Task SlowModeRejectsASecondMessageWithinTheWindowPerPerson()
    {
        var rule = new SlowModeRule(new Fixed(ModerationSnapshot.None with { SlowModeSeconds = 30 }));

        (await rule.CheckAsync(Send(Sam, Now))).Should().BeNull();
        (await rule.CheckAsync(Send(Sam, Now.AddSeconds(29)))).Should().Be(RejectReasons.SlowMode);
        (await rule.CheckAsync(Send(Alex, Now.AddSeconds(29)))).Should().BeNull("the wait is per person");
        (await rule.CheckAsync(Send(Sam, Now.AddSeconds(30)))).Should().BeNull();
        (await rule.CheckAsync(Send(Sam, Now.AddSeconds(45)))).Should().Be(RejectReasons.SlowMode, "a refused send does not restart the wait, a passed one does");
    }

    [Fact]
    public async Task SlowModeNeverSlowsStaff()
    {
        var rule = new SlowModeRule(new Fixed(ModerationSnapshot.None with { SlowModeSeconds = 300 }));

        for (var i = 0; i < 3; i++)
        {
            (await rule.CheckAsync(Send(Moderator, Now))).Should().BeNull();
        }
    }

    [Fact]
    public async Task ConcurrentSendsFromOnePersonInSlowModeLetExactlyOneThrough()
    {
        var rule = new SlowModeRule(new Fixed(ModerationSnapshot.None with { SlowModeSeconds = 60 }));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await rule.CheckAsync(Send(Sam, Now)))));

        answers.Count(a => a is null).Should().Be(1);
    }

    private static SendContext Send(JoinedGroup sender, DateTimeOffset at) => new(sender, Evening, "hello", Open, at);

    private sealed class Fixed(ModerationSnapshot snapshot) : IGroupModeration
    {
        public ValueTask<bool> IsPausedAsync(string groupId, CancellationToken ct = default) => ValueTask.FromResult(snapshot.Paused);

        public ValueTask<ModerationSnapshot> GetAsync(string groupId, CancellationToken ct = default) => ValueTask.FromResult(snapshot);

        public void Invalidate(string groupId)
        {
        }
    }
}
