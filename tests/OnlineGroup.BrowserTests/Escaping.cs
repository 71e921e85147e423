using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>Whatever a young person types is shown as the characters they typed, never run as markup.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Escaping(BrowserFixture browser) : IAsyncLifetime
{
    private const string Image = "<img src=x onerror=alert(1)>";
    private const string Bold = "<b>bold</b>";

    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MarkupInMessagesAndNamesShowsAsTextForPeersAndModerators()
    {
        var room = await _app.RoomAsync(["<b>Kai</b>", "Alex"]);
        await using var kai = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await kai.Page.SignInAsync(room.Young[0]);
        await alex.Page.SignInAsync(room.Young[1]);
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(alex.Page.MessageBox()).ToBeVisibleAsync();
        await Expect(jo.Page.MessageBox()).ToBeVisibleAsync();

        await kai.Page.SendAsync(Image);
        await kai.Page.SendAsync(Bold);

        foreach (var tab in new[] { alex, jo, kai })
        {
            await Expect(tab.Page.Message(Image)).ToBeVisibleAsync();
            await Expect(tab.Page.Message(Bold)).ToBeVisibleAsync();
            await Expect(tab.Page.MessagesRegion().Locator("img, b")).ToHaveCountAsync(0);
        }

        // Peers see the display name as typed, in the message and in the report button's name.
        await Expect(alex.Page.Message(Bold)).ToContainTextAsync("<b>Kai</b>");
        await Expect(alex.Page.Message(Bold).GetByRole(AriaRole.Button, new() { Name = "I'm worried about <b>Kai</b>" })).ToBeVisibleAsync();
        await Expect(jo.Page.Message(Bold)).ToContainTextAsync("<b>Kai</b>");

        foreach (var tab in new[] { alex, jo, kai })
        {
            tab.Errors.Should().BeEmpty("no script ran and nothing called alert()");
        }
    }
}
