using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

/// <summary>The defaults: a burst of 20 calls per person, refilled at 1 a second (in real time: the limiter keeps its own clock).</summary>
public sealed class RateLimiting(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private const int Flood = 60;
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task AFlooderIsRateLimitedWhileAnotherYoungPersonStillSendsFine()
    {
        await using var room = await Room.OpenAsync(_app);

        var answers = await Task.WhenAll(Enumerable.Range(0, Flood).Select(i => room.Sam.SendAsync(room.Id, "spam " + i)));

        answers.Should().OnlyContain(a => a.Status == "published" || a.Reason == "rateLimited", "a flood is answered normally, not with an error");
        answers.Count(a => a.Reason == "rateLimited").Should().BeGreaterThan(Flood / 3);
        for (var i = 0; i < 3; i++)
        {
            (await room.Alex.SendAsync(room.Id, "alex " + i)).Status.Should().Be("published", "one person's flood does not limit anyone else");
        }

        var published = answers.Count(a => a.Status == "published");
        var atRobin = new List<Message>();
        for (var i = 0; i < published + 3; i++)
        {
            atRobin.Add(await room.Robin.NextMessageAsync());
        }

        atRobin.TakeLast(3).Select(m => m.Text).Should().Equal("alex 0", "alex 1", "alex 2");
        (await room.Robin.HistoryAsync(room.Id, 0)).Should().HaveCount(published + 3, "refused messages were never stored");
    }

    [Fact]
    public async Task OtherMethodsAnswerAFloodWithAHubExceptionSayingToSlowDown()
    {
        await using var room = await Room.OpenAsync(_app);

        var calls = Enumerable.Range(0, Flood).Select(async _ =>
        {
            try
            {
                await room.Sam.HistoryAsync(room.Id, 0);
                return null;
            }
            catch (HubException e)
            {
                return e.Message;
            }
        });
        var refusals = (await Task.WhenAll(calls)).OfType<string>().ToList();

        refusals.Should().NotBeEmpty().And.OnlyContain(m => m.Contains("too fast", StringComparison.Ordinal) && m.Contains("Slow down", StringComparison.Ordinal));
        (await room.Alex.HistoryAsync(room.Id, 0)).Should().BeEmpty("Alex is not held back by Sam");
    }

    [Fact]
    public async Task AnOrdinaryBurstOfShortMessagesPasses()
    {
        await using var room = await Room.OpenAsync(_app);

        string[] burst = ["hi", "sorry", "typo", "i mean", "today was", "hard", "like really", "hard", "but", "ok now", "thanks", "for", "listening", "x", "!!"];
        foreach (var text in burst)
        {
            (await room.Sam.SendAsync(room.Id, text)).Status.Should().Be("published");
        }
    }
}
