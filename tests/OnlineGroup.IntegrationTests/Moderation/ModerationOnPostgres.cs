using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

/// <summary>The moderation paths that lean on the database's concurrency (conditional updates inside the writer's transaction), on PostgreSQL.</summary>
public sealed class ModerationOnPostgres
{
    [Fact]
    public async Task ApprovalsRacesRemovalsAndMutesBehaveAsOnSqlite()
    {
        await using var app = new OnlineGroupApp(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = await TestServices.NewPostgresDatabaseAsync(),
        });
        await using var room = await Room.OpenAsync(app, Room.Premoderated);
        await using var second = await room.ModeratorAsync();
        var held = new List<string>();
        foreach (var (client, i) in room.Young.Select((c, i) => (c, i)))
        {
            held.Add((await client.SendAsync(room.Id, "waiting " + i)).MessageId!);
        }

        // Both moderators approve everything at once while one of them also writes to the group.
        var first = Attempts(room.Moderator, room.Id, held);
        var again = Attempts(second, room.Id, held);
        var sends = Task.WhenAll(Enumerable.Range(0, 5).Select(i => second.SendAsync(room.Id, "staff " + i)));
        var approvedOnce = (await first).Zip(await again, (a, b) => a ^ b);
        await sends;

        approvedOnce.Should().AllBeEquivalentTo(true, "each held message is approved by exactly one of them");
        var history = await room.Robin.HistoryAsync(room.Id, 0);
        history.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i));
        history.Select(m => m.MessageId).Should().Contain(held);

        await room.Moderator.Connection.InvokeAsync("RemoveMessage", room.Id, held[0], "second thoughts");
        (await room.Robin.HistoryAsync(room.Id, 0)).Select(m => m.MessageId).Should().NotContain(held[0]);
        await room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.AlexId, 5, "cool off");
        (await room.Alex.SendAsync(room.Id, "hm")).Reason.Should().Be("muted");
        app.Time.Advance(TimeSpan.FromMinutes(5));
        (await room.Alex.SendAsync(room.Id, "ok")).Status.Should().Be("held");
        (await room.AuditAsync()).Count(a => a.Action == "message.approved").Should().Be(3);
    }

    private static async Task<bool[]> Attempts(ChatClient moderator, string groupId, List<string> messageIds) =>
        await Task.WhenAll(messageIds.Select(async id =>
        {
            try
            {
                await moderator.Connection.InvokeAsync("ApproveMessage", groupId, id);
                return true;
            }
            catch (HubException)
            {
                return false;
            }
        }));
}
