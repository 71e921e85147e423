using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Journey;
using OnlineGroup.Server.Records;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.IntegrationTests.Records;

public sealed class AttendanceAtSessionStart
{
    [Fact]
    public async Task AWholeGroupComingInAtOnceOnTwoDevicesEachIsInTheHandoverOnce()
    {
        await using var app = new OnlineGroupApp();
        var group = await app.LiveGroupAsync(youngPeople: 8);
        var clients = new List<ChatClient>();
        try
        {
            // Everyone at 7pm sharp, each on a phone and a laptop: the admissions arrive together and are written together.
            clients.AddRange(await Task.WhenAll(group.Young.Concat(group.Young).Select(y => ChatClient.ConnectAsync(app, y.Token))));
            var joins = await Task.WhenAll(clients.Select(c => c.JoinAsync(group.GroupId)));
            joins.Should().OnlyContain(j => j.Admitted);

            var clock = await JobRuns.WatchAsync(app, SessionTriggers.JobKeyFor(group.GroupId));
            app.Time.Advance(TimeSpan.FromHours(2.1));
            await clock.NextAsync();

            var handover = (await app.GetAsync<List<HandoverDto>>(group.ModeratorToken, $"/api/groups/{group.GroupId}/handovers")).Should().ContainSingle().Subject;
            handover.Report!.Attended.Select(a => a.DisplayName).Should().BeEquivalentTo(group.Young.Select(y => y.DisplayName),
                "all eight came, and two devices make one attendance, not two");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
