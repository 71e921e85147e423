using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class Moderating(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMessageTheModeratorRemovesDisappearsFromTheYoungPersonsPage()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await sam.Page.SignInAsync(room.Young[0]);
        await alex.Page.SignInAsync(room.Young[1]);
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(alex.Page.MessageBox()).ToBeVisibleAsync();
        await Expect(jo.Page.MessageBox()).ToBeVisibleAsync();

        await sam.Page.SendAsync("that film was rubbish and so is everyone who liked it");
        await sam.Page.SendAsync("sorry, bad day");
        await Expect(alex.Page.Message("sorry, bad day")).ToBeVisibleAsync();
        var unkind = jo.Page.Message("that film was rubbish");
        await unkind.GetByRole(AriaRole.Button, new() { Name = "Remove message from Sam" }).ClickAsync();
        await jo.Page.AnswerDialogAsync("Remove", ("Reason (for the record)", "Unkind to others"));

        await Expect(alex.Page.Message("that film was rubbish")).ToHaveCountAsync(0);
        await Expect(sam.Page.Message("that film was rubbish")).ToHaveCountAsync(0);
        await Expect(jo.Page.Message("that film was rubbish")).ToHaveCountAsync(0);
        await Expect(alex.Page.Message("sorry, bad day")).ToBeVisibleAsync();

        // And it stays gone for someone who signs in afterwards.
        await using var alexAgain = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await alexAgain.Page.SignInAsync(room.Young[1]);
        await Expect(alexAgain.Page.Message("sorry, bad day")).ToBeVisibleAsync();
        await Expect(alexAgain.Page.Message("that film was rubbish")).ToHaveCountAsync(0);
        jo.Errors.Should().BeEmpty();
        alex.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task InAPremoderatedGroupAnApprovedMessageReachesEveryoneAndARejectedOneIsToldKindlyToItsAuthorAlone()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"], premoderate: true);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await sam.Page.SignInAsync(room.Young[0]);
        await alex.Page.SignInAsync(room.Young[1]);
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(alex.Page.MessageBox()).ToBeVisibleAsync();

        await sam.Page.SendAsync("first time here, bit nervous");
        await sam.Page.SendAsync("my school is rubbish");
        await Expect(sam.Page.Message("first time here")).ToContainTextAsync("Your message is with a moderator before others see it");

        var held = jo.Page.GetByRole(AriaRole.Region, new() { Name = "Held for review" });
        await held.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "first time here" })
            .GetByRole(AriaRole.Button, new() { Name = "Approve message from Sam" }).ClickAsync();
        await Expect(alex.Page.Message("first time here, bit nervous")).ToBeVisibleAsync();
        await Expect(sam.Page.Message("first time here")).Not.ToContainTextAsync("with a moderator");

        await held.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "my school is rubbish" })
            .GetByRole(AriaRole.Button, new() { Name = "Reject message from Sam" }).ClickAsync();
        await jo.Page.AnswerDialogAsync("Reject", ("Reason (for the record)", "Names a school"));
        await Expect(sam.Page.Message("my school is rubbish")).ToContainTextAsync("wasn't shared with the group");
        await Expect(held.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(0);

        // Alex sees only the approved one: a later message arrives after it, with nothing between.
        await jo.Page.SendAsync("Welcome Sam!");
        await Expect(alex.Page.Message("Welcome Sam!")).ToBeVisibleAsync();
        await Expect(alex.Page.Messages()).ToHaveCountAsync(2);
        sam.Errors.Should().BeEmpty();
        jo.Errors.Should().BeEmpty();
    }
}
