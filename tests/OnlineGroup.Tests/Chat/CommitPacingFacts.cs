using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Tests.Chat;

public sealed class CommitPacingFacts
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AQuietEveningsMessagesAreNeverHeldBack()
    {
        var pacing = new CommitPacing(_time);
        // 250 messages a second, one per commit (2,500 people each writing every ten seconds).
        for (var i = 0; i < 1_000; i++)
        {
            pacing.ShouldLinger(waiting: 0).Should().BeFalse();
            pacing.Committed(1);
            _time.Advance(TimeSpan.FromMilliseconds(4));
        }
    }

    [Fact]
    public void ABusyChatWaitsAMomentSoCommitsAreShared()
    {
        var pacing = new CommitPacing(_time);
        Busy(pacing, TimeSpan.FromMilliseconds(1.25)); // 800 a second

        pacing.ShouldLinger(waiting: 1).Should().BeTrue();
        pacing.ShouldLinger(waiting: CommitPacing.Enough).Should().BeFalse("a batch that is already full enough commits at once");
    }

    [Fact]
    public void AfterAQuietSpellTheNextMessageIsNotHeldBack()
    {
        var pacing = new CommitPacing(_time);
        Busy(pacing, TimeSpan.FromMilliseconds(1.25));
        pacing.ShouldLinger(waiting: 0).Should().BeTrue();

        _time.Advance(TimeSpan.FromSeconds(3));

        pacing.ShouldLinger(waiting: 0).Should().BeFalse();
    }

    private void Busy(CommitPacing pacing, TimeSpan between)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMilliseconds(250); elapsed += between)
        {
            pacing.Committed(1);
            _time.Advance(between);
        }
    }
}
