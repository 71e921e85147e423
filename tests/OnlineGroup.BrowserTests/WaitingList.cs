using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>The Group view's waiting list and handover notes, as a moderator uses them between and during sessions.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingList(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AModeratorMovesSomeoneUpTheListWithAReasonAndTheFirstWaitingGetsThePlaceAnExitFrees()
    {
        var admin = (await _app.AdminAsync()).AccessToken;
        var jo = await People.StaffAsync(_app, admin, "moderator", "Jo (moderator)");
        var groupId = await _app.CreateGroupAsync(admin, new
        {
            name = "Small Group", timeZone = "Europe/London", capacity = 1, minAge = 11, maxAge = 18,
            allowSupporters = false, requireModerator = false, minModerators = 0, closedMessage = "See you on Thursday.",
        });
        await _app.AssignAsync(admin, groupId, jo.UserId, "moderator");
        await _app.AddMemberAsync(admin, groupId, "Sam");
        await _app.AddMemberAsync(admin, groupId, "Alex");
        await _app.AddMemberAsync(admin, groupId, "Robin");
        await _app.OpenSessionNowAsync(admin, groupId);

        await using var tab = await browser.OpenAsync(_app, "/moderate", Sizes.Phone);
        var page = tab.Page;
        await page.SignInAsync(jo);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Small Group", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await page.GetByText("Waiting list", new() { Exact = true }).ClickAsync();
        var waiting = page.Locator("#waitlist").GetByRole(AriaRole.Listitem);
        await Expect(waiting).ToHaveCountAsync(2);
        await Expect(waiting.First).ToContainTextAsync("Alex");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move Robin" }).ClickAsync();
        await page.AnswerDialogAsync("Move", ("New position", "1"), ("Reason (for the record)", "Robin's school asked for an urgent place"));
        await Expect(page.GetByText("Robin is now number 1.")).ToBeVisibleAsync();
        await Expect(waiting.First).ToContainTextAsync("Robin");

        // Sam leaves: Robin, now first, gets the place at once, and the open list shows it.
        await page.GetByText("Young people", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record exit for Sam" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Record exit", Exact = true }).ClickAsync();
        await Expect(waiting).ToHaveCountAsync(1);
        await Expect(waiting.First).ToContainTextAsync("Alex");
        await Expect(page.Locator("#young-people").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Robin" })).ToContainTextAsync("in the group");

        await page.GetByText("Handover", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Handover note for the next shift").FillAsync("Robin starts next week; Alex is next on the list");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note", Exact = true }).ClickAsync();
        await Expect(page.Locator("#handover").GetByText("Robin starts next week; Alex is next on the list")).ToBeVisibleAsync();
        (await page.ScrollWidthAsync()).Should().BeLessThanOrEqualTo(360);
        tab.Errors.Should().BeEmpty();
    }
}
