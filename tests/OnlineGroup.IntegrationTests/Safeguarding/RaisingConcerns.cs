using System.Diagnostics;
using OnlineGroup.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>The live path: a young person's message of concern through the real hub to staff who never joined the group.</summary>
public sealed class RaisingConcerns(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] TestCategory = ["test"];
    private readonly OnlineGroupApp _app = SafeguardingTestApp.Create();
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private ChatClient _alex = null!;
    private ChatClient _lead = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        // The lead only connects: no JoinGroup.
        _lead = await ChatClient.ConnectAsync(_app, _group.LeadToken);
        _sam = await _app.JoinedAsync(_group.Young[0].Token, _group.GroupId);
        _alex = await _app.JoinedAsync(_group.Young[1].Token, _group.GroupId);
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _alex.DisposeAsync();
        await _lead.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AHeldMessageIsKeptFromPeersWhileTheLeadHearsWithoutJoiningAndTheSenderIsOfferedSupport()
    {
        var clock = Stopwatch.StartNew();
        var sent = await _sam.SendAsync(_group.GroupId, "[hold][high] i don't want to be here any more");

        sent.Status.Should().Be("held");
        var raised = await _lead.NextConcernRaisedAsync();
        output.WriteLine($"ConcernRaised reached the lead {clock.ElapsedMilliseconds} ms after the send began");
        raised.Should().BeEquivalentTo(new
        {
            GroupId = _group.GroupId,
            Severity = "high",
            Categories = TestCategory,
            Status = "raised",
            MessageId = sent.MessageId,
            MemberId = _group.Young[0].MemberId,
            EscalationLevel = 0,
        });

        var support = await _sam.NextAsync<SupportOffer>("SupportOffered");
        support.GroupId.Should().Be(_group.GroupId);
        support.Text.Should().Be("Thanks for sharing this. A moderator will check in with you soon.");
        support.SupportContacts.Select(c => c.Name).Should().Equal("Childline", "Samaritans", "Shout");
        support.SupportContacts[0].Phone.Should().Be("0800 1111");
        support.SupportContacts[1].Phone.Should().Be("116 123");
        support.SupportContacts[2].Text.Should().Contain("85258");

        await _alex.SendAsync(_group.GroupId, "sentinel");
        (await _sam.NextMessageAsync()).Text.Should().Be("sentinel", "the held message was never published to the group");
        (await _alex.NextMessageAsync()).Text.Should().Be("sentinel");
        _alex.Drain("SupportOffered").Should().BeEmpty("only the young person who wrote it is offered support");
        _alex.Drain("ConcernRaised").Should().BeEmpty("young people never hear of concerns");
    }

    [Fact]
    public async Task EachFlaggedHeldOrBlockedMessageRaisesItsOwnConcern()
    {
        var flagged = await _sam.SendAsync(_group.GroupId, "[flag][low] rough day");
        var held = await _sam.SendAsync(_group.GroupId, "[hold] rough day again");
        var blocked = await _sam.SendAsync(_group.GroupId, "[block][critical] something we never show");

        new[] { flagged.Status, held.Status, blocked.Status }.Should().Equal("published", "held", "blocked");
        var concerns = new[] { await _lead.NextConcernRaisedAsync(), await _lead.NextConcernRaisedAsync(), await _lead.NextConcernRaisedAsync() };
        concerns.Select(c => c.MessageId).Should().Equal(flagged.MessageId, held.MessageId, blocked.MessageId);
        concerns.Select(c => c.Severity).Should().Equal("low", "medium", "critical");
        concerns.Select(c => c.ConcernId).Should().OnlyHaveUniqueItems();
        (await _alex.NextMessageAsync()).Text.Should().Be("[flag][low] rough day", "a flagged message is published, and still raises a concern");
        for (var i = 0; i < 3; i++)
        {
            (await _sam.NextAsync<SupportOffer>("SupportOffered")).GroupId.Should().Be(_group.GroupId);
        }
    }

    [Fact]
    public async Task TheGroupsModeratorsHearOfConcernsButStaffOfOtherGroupsDoNot()
    {
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        var otherGroup = await _app.LiveGroupAsync(youngPeople: 0);
        await using var otherLead = await ChatClient.ConnectAsync(_app, otherGroup.LeadToken);
        await using var otherModerator = await ChatClient.ConnectAsync(_app, otherGroup.ModeratorToken);

        var sent = await _sam.SendAsync(_group.GroupId, "[hold][medium] worried");
        (await moderator.NextConcernRaisedAsync()).MessageId.Should().Be(sent.MessageId);

        // Sentinel: a concern in the other group reaches its staff; nothing of ours came before it.
        await using var kai = await _app.JoinedAsync((await _app.YoungPersonAsync(otherGroup.AdminToken, otherGroup.GroupId, "Kai")).Token, otherGroup.GroupId);
        var theirs = await kai.SendAsync(otherGroup.GroupId, "[hold] theirs");
        (await otherLead.NextConcernRaisedAsync()).MessageId.Should().Be(theirs.MessageId);
        (await otherModerator.NextConcernRaisedAsync()).MessageId.Should().Be(theirs.MessageId);
    }

    [Fact]
    public async Task StaffMessagesAreNotScannedAndRaiseNoConcern()
    {
        await using var moderator = await _app.JoinedAsync(_group.ModeratorToken, _group.GroupId);
        var staff = await moderator.SendAsync(_group.GroupId, "[hold] if you feel like this, call Childline");
        staff.Status.Should().Be("published");

        var sentinel = await _sam.SendAsync(_group.GroupId, "[flag] sentinel");
        (await _lead.NextConcernRaisedAsync()).MessageId.Should().Be(sentinel.MessageId, "the moderator's words raised nothing before it");
    }
}
