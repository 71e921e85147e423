using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>Young people come on phones: at 360 px wide nothing needs sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayout(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignInChatAndHelpFitA360PixelScreen()
    {
        var room = await _app.RoomAsync(["Sam"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await Expect(sam.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        (await sam.Page.ScrollWidthAsync()).Should().BeLessThanOrEqualTo(360, "the sign-in form fits the phone");

        await sam.Page.SignInAsync(room.Young[0]);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();
        // What stretches a chat sideways: a long word, a long link, a long name of a group.
        await sam.Page.SendAsync("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        await sam.Page.SendAsync("https://example.org/a/very/long/path/that/never/breaks/by/itself/because/it/has/no/spaces/at/all");
        await Expect(sam.Page.Messages()).ToHaveCountAsync(2);
        (await sam.Page.ScrollWidthAsync()).Should().BeLessThanOrEqualTo(360, "the chat fits the phone");

        await sam.Page.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).ClickAsync();
        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Get help now" })).ToBeVisibleAsync();
        (await sam.Page.ScrollWidthAsync()).Should().BeLessThanOrEqualTo(360, "the help panel fits the phone");
        sam.Errors.Should().BeEmpty();
    }
}
