using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class Chatting(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonOnAPhoneAndAModeratorOnALaptopTalkThroughTheirPages()
    {
        var room = await _app.RoomAsync(["Sam"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var jo = await browser.OpenAsync(_app, "/moderate", Sizes.Laptop);

        await sam.Page.SignInAsync(room.Young[0]);
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();
        await Expect(jo.Page.MessageBox()).ToBeVisibleAsync();

        await sam.Page.SendAsync("is anyone here tonight?");
        var atJo = jo.Page.Message("is anyone here tonight?");
        await Expect(atJo).ToBeVisibleAsync();
        await Expect(atJo).ToContainTextAsync("Sam");

        await jo.Page.SendAsync("Hi Sam, I'm Jo. Glad you came.");
        var atSam = sam.Page.Message("Hi Sam, I'm Jo. Glad you came.");
        await Expect(atSam).ToBeVisibleAsync();
        await Expect(atSam).ToContainTextAsync("Moderator");

        // Sam's own message is shown once, as theirs, and Sam is not offered to report it.
        var own = sam.Page.Message("is anyone here tonight?");
        await Expect(own).ToHaveCountAsync(1);
        await Expect(own).ToContainTextAsync("You");
        await Expect(own.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(sam.Page.Messages()).ToHaveCountAsync(2);
        await Expect(jo.Page.Messages()).ToHaveCountAsync(2);
        sam.Errors.Should().BeEmpty();
        jo.Errors.Should().BeEmpty();
    }
}
