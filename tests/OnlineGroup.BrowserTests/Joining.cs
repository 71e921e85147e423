using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>A young person joins with the code staff gave them, after reading and agreeing to the house rules.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Joining(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnInvitationCodeBecomesAnAccountOnlyAfterTheHouseRulesAreAgreedAndLeadsIntoTheChat()
    {
        var room = await _app.RoomAsync([]);
        var invitation = await _app.AddMemberAsync(room.AdminToken, room.GroupId, "Noor");
        await using var noor = await browser.OpenAsync(_app, "/", Sizes.Phone);
        var page = noor.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "I have an invitation code" }).ClickAsync();
        await page.GetByLabel("Invitation code").FillAsync(invitation.InviteCode.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check my code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "House rules", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Choose a username").FillAsync("noor-" + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByLabel("Choose a password").FillAsync("a long pass phrase");

        var join = page.GetByRole(AriaRole.Button, new() { Name = "Join my group" });
        await join.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Please tick the box to say you agree to the house rules.");
        await Expect(page.MessageBox()).ToBeHiddenAsync();

        await page.GetByLabel("I have read the aims and house rules, and I agree to them").CheckAsync();
        await join.ClickAsync();
        await Expect(page.MessageBox()).ToBeVisibleAsync();
        await page.SendAsync("hi, I'm new here");
        await Expect(page.Message("hi, I'm new here")).ToContainTextAsync("You");
        noor.Errors.Should().BeEmpty();
    }
}
