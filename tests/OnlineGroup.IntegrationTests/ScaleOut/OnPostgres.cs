using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>The same product on PostgreSQL, chosen by configuration alone.</summary>
public sealed class OnPostgres
{
    [Fact]
    public async Task MembersExchangeMessagesWithGapFreeSeqAndIdempotentResends()
    {
        var database = await TestServices.NewPostgresDatabaseAsync();
        await using var app = new OnlineGroupApp(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
        });
        var group = await app.LiveGroupAsync(youngPeople: 2);
        await using var sam = await ChatClient.ConnectAsync(app, group.Young[0].Token);
        await using var alex = await ChatClient.ConnectAsync(app, group.Young[1].Token);
        await sam.JoinAsync(group.GroupId);
        await alex.JoinAsync(group.GroupId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? sam : alex).SendAsync(group.GroupId, "pg " + i)));
        var again = await sam.SendAsync(group.GroupId, "pg 0", "fixed-id");
        var resend = await sam.SendAsync(group.GroupId, "pg 0", "fixed-id");

        answers.Select(a => a.Seq!.Value).Order().Should().Equal(Enumerable.Range(1, 30).Select(i => (long)i));
        resend.Should().BeEquivalentTo(again);
        (await alex.HistoryAsync(group.GroupId, 0)).Should().HaveCount(31);
        (await alex.NextMessageAsync()).Seq.Should().Be(1);
    }
}
