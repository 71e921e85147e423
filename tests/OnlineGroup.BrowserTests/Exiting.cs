using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>Leaving well: a moderator records an exit, and the young person gets a kind goodbye with support contacts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Exiting(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AModeratorRecordsAnExitAndTheYoungPersonSeesAGoodbyeWithSupportContactsAndAFollowUpIsPlanned()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();

        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(jo.Page.GetByRole(AriaRole.Heading, new() { Name = room.Name, Level = 1 })).ToBeVisibleAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await jo.Page.GetByText("Young people", new() { Exact = true }).ClickAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Record exit for Sam" }).ClickAsync();
        var dialog = jo.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Plan").SelectOptionAsync("movingOn");
        await dialog.GetByLabel("Note for staff (optional)").FillAsync("Finished the term well");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record exit", Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByText("Sam's exit is recorded (moving on (finished the group)).", new() { Exact = false })).ToBeVisibleAsync();

        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for being part of the group" })).ToBeVisibleAsync();
        await Expect(sam.Page.GetByText("the progress you made is yours to keep", new() { Exact = false })).ToBeVisibleAsync();
        var contacts = sam.Page.GetByRole(AriaRole.Region, new() { Name = "If you need someone" });
        await Expect(contacts.GetByRole(AriaRole.Link, new() { Name = "Call 0800 1111" })).ToBeVisibleAsync();
        await Expect(sam.Page.MessageBox()).Not.ToBeVisibleAsync();

        // Signing in again later still says goodbye, not "closed".
        await using var samLater = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await samLater.Page.SignInAsync(room.Young[0]);
        await Expect(samLater.Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for being part of the group" })).ToBeVisibleAsync();

        // The follow-ups are planned on the moderator page.
        await jo.Page.GetByText("Follow-ups", new() { Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByText("No follow-ups due.")).ToBeVisibleAsync();
        await Expect(jo.Page.Locator("#followups").GetByText("week 2", new() { Exact = false })).ToBeVisibleAsync();
        sam.Errors.Should().BeEmpty();
        jo.Errors.Should().BeEmpty();
    }
}
