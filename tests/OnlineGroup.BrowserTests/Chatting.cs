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

    /// <summary>
    /// The page's message ids are version-7 UUIDs: unique, and in the order they were made, so the server's
    /// unique index on client ids grows at its end instead of having a random page rewritten per message.
    /// </summary>
    [Fact]
    public async Task ThePageNamesEachMessageWithATimeOrderedId()
    {
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var ids = await sam.Page.EvaluateAsync<string[]>(
            "async () => { const hub = await import('/js/hub.js'); return Array.from({ length: 200 }, () => hub.newId()); }");

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ids.Should().OnlyHaveUniqueItems().And.AllSatisfy(id =>
        {
            id.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
            var millis = Convert.ToInt64(id.Replace("-", "", StringComparison.Ordinal)[..12], 16);
            millis.Should().BeInRange(before, after);
        });
        var prefixes = ids.Select(id => id[..13]).ToList();
        prefixes.Should().BeInAscendingOrder(StringComparer.Ordinal);
        sam.Errors.Should().BeEmpty();
    }
}
