using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>The Readiness panel on /moderate: what is missing, and a safeguarding lead's sign-off opening the group.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SigningOff(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(settings: Readiness.Required);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ALeadSignsOffAnUnreadyGroupAndTheYoungPersonWaitingOutsideIsLetIn()
    {
        var room = await _app.RoomAsync(["Sam"]);
        await _app.WriteCompleteAssessmentAsync(room);

        // Sam joined before the house rules were written: the page shows them and asks Sam to agree first.
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Our house rules have changed" })).ToBeVisibleAsync();
        await Expect(sam.Page.GetByText("No pictures of injuries.")).ToBeVisibleAsync();
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "I agree", Exact = true }).ClickAsync();
        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "This group isn\u2019t ready to open yet" })).ToBeVisibleAsync();

        await using var priya = await browser.OpenAsync(_app, "/moderate");
        await priya.Page.SignInAsync(room.Lead);
        await Expect(priya.Page.GetByRole(AriaRole.Heading, new() { Name = room.Name, Level = 1 })).ToBeVisibleAsync();
        await priya.Page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await priya.Page.GetByText("Readiness", new() { Exact = true }).ClickAsync();
        var missing = priya.Page.GetByRole(AriaRole.List, new() { Name = "Still missing" });
        await Expect(missing).ToContainTextAsync("a safeguarding lead for the group must sign off");
        await Expect(priya.Page.GetByText("Not ready yet: young people cannot join until this is done.")).ToBeVisibleAsync();

        await priya.Page.GetByRole(AriaRole.Button, new() { Name = "Sign off", Exact = true }).ClickAsync();

        await Expect(priya.Page.GetByText("Signed off. The group can open to young people at its opening times.")).ToBeVisibleAsync();
        await Expect(priya.Page.GetByText("Ready: signed off by Priya (safeguarding)", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(missing).ToHaveCountAsync(0);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();
        await sam.Page.SendAsync("hi, first time here");
        await Expect(sam.Page.Message("hi, first time here")).ToBeVisibleAsync();
        sam.Errors.Should().BeEmpty();
        priya.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task AModeratorsEditThatWouldVoidTheSignOffMidSessionIsSavedOnlyAfterTheyConfirm()
    {
        var room = await _app.RoomAsync(["Sam"]);
        await _app.WriteCompleteAssessmentAsync(room);
        await _app.SignOffAsync(room);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();

        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(jo.Page.GetByRole(AriaRole.Heading, new() { Name = room.Name, Level = 1 })).ToBeVisibleAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await jo.Page.GetByText("Readiness", new() { Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByText("Ready: signed off by Priya (safeguarding)", new() { Exact = false })).ToBeVisibleAsync();
        await jo.Page.GetByLabel("Holiday and absence plan").FillAsync("Holidays are closures; Sky covers an absence.");
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Save readiness", Exact = true }).ClickAsync();

        var dialog = jo.Page.GetByRole(AriaRole.Dialog, new() { Name = "Close the group to young people now?" });
        await Expect(dialog).ToContainTextAsync("is in session until");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByText("Ready: signed off by Priya (safeguarding)", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();

        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Save readiness", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save and close to young people", Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByRole(AriaRole.List, new() { Name = "Still missing" })).ToContainTextAsync("voided");
        await Expect(sam.Page.MessageBox()).Not.ToBeVisibleAsync();
        jo.Errors.Should().BeEmpty();
    }
}
