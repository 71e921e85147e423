using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>A risky message is held from peers, and the safeguarding lead sees the concern the moment it is raised.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Safeguarding(BrowserFixture browser) : IAsyncLifetime
{
    // The shipped detection rules hold talk of a method (meansAndMethod, high).
    private const string Risky = "i counted all the pills in the house tonight";

    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AHeldRiskyMessageNeverReachesAnotherYoungPersonWhileTheLeadSeesTheConcernLive()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"]);
        await using var lead = await browser.OpenAsync(_app, "/safeguarding");
        await lead.Page.SignInAsync(room.Lead);
        await Expect(lead.Page.GetByRole(AriaRole.Heading, new() { Name = "Concerns", Level = 1 })).ToBeVisibleAsync();
        await Expect(lead.Page.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync();

        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await alex.Page.SignInAsync(room.Young[1]);
        await Expect(alex.Page.MessageBox()).ToBeVisibleAsync();

        await sam.Page.SendAsync(Risky);
        await Expect(sam.Page.Message(Risky)).ToContainTextAsync("Your message is with a moderator before others see it");

        // The lead's queue shows it live, as urgent, without reloading.
        var concern = lead.Page.Locator("#concern-list").GetByRole(AriaRole.Listitem).Filter(new() { HasText = room.Name });
        await Expect(concern).ToBeVisibleAsync();
        await Expect(concern).ToContainTextAsync("Acknowledge now");
        await Expect(lead.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "waiting" })).ToBeVisibleAsync();

        // Alex never sees it: Sam's next message arrives, and the held one is not before it.
        await sam.Page.SendAsync("sentinel: anyone up for a game later?");
        await Expect(alex.Page.Message("sentinel: anyone up for a game later?")).ToBeVisibleAsync();
        await Expect(alex.Page.Message(Risky)).ToHaveCountAsync(0);
        await Expect(alex.Page.Messages()).ToHaveCountAsync(1);
        lead.Errors.Should().BeEmpty();
        sam.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task TheLeadReadsTheFlaggedMessageInItsTranscriptAndAcknowledgesTheConcern()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await sam.Page.SendAsync("hi all");
        await sam.Page.SendAsync(Risky);
        await Expect(sam.Page.Message(Risky)).ToContainTextAsync("with a moderator");

        await using var lead = await browser.OpenAsync(_app, "/safeguarding");
        await lead.Page.SignInAsync(room.Lead);
        var urgent = lead.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "waiting to be acknowledged" });
        await Expect(urgent).ToBeVisibleAsync();
        await lead.Page.Locator("#concern-list").GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        var detail = lead.Page.Locator("#concern-detail");
        await Expect(detail).ToContainTextAsync(Risky);
        await Expect(detail).ToContainTextAsync("hi all");

        await lead.Page.Locator("#concern-list").GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(urgent).ToBeHiddenAsync();
        await Expect(lead.Page.GetByText("No urgent concern is waiting to be acknowledged.")).ToBeVisibleAsync();
        (await lead.Page.TitleAsync()).Should().NotContain("Urgent");
        lead.Errors.Should().BeEmpty();
    }
}
