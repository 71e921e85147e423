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
}
