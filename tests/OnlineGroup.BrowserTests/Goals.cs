using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>A young person's goals, check-ins and progress chart: theirs and their moderators' to see, nobody else's.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Goals(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonAddsAGoalChecksInAndSeesTheirChartWhichTheModeratorSeesAndAnotherYoungPersonCannot()
    {
        var room = await _app.RoomAsync(["Sam", "Alex"]);
        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();

        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "My goals", Exact = true }).ClickAsync();
        await sam.Page.GetByLabel("Under which aim").SelectOptionAsync(new SelectOptionValue { Label = "Recognising and managing triggers" });
        await sam.Page.GetByLabel("My goal", new() { Exact = true }).FillAsync("Notice when exams make it loud in my head");
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Add goal", Exact = true }).ClickAsync();
        // The form's own feedback; the screen-reader announcer says the same words 50 ms later.
        await Expect(sam.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Check in on it whenever you like" }))
            .ToContainTextAsync("Your goal is added.");
        await Expect(sam.Page.GetByRole(AriaRole.List, new() { Name = "Your goals for Recognising and managing triggers" }))
            .ToContainTextAsync("Notice when exams make it loud in my head");

        await sam.Page.GetByLabel("How is \u201CNotice when exams make it loud in my head\u201D going?").SelectOptionAsync("4");
        await sam.Page.GetByLabel("Anything you want to add (optional)").FillAsync("went for a walk instead");
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Save check-in", Exact = true }).ClickAsync();
        await Expect(sam.Page.GetByText("Thanks for checking in.")).ToBeVisibleAsync();
        var chart = sam.Page.GetByRole(AriaRole.Img, new() { Name = "Progress on \"Notice when exams make it loud in my head\"" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(": 4\\.$"));
        // Back to the chat, still in it.
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).ClickAsync();
        await Expect(sam.Page.MessageBox()).ToBeVisibleAsync();

        // The moderator sees the same chart on the Group view.
        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(jo.Page.GetByRole(AriaRole.Heading, new() { Name = room.Name, Level = 1 })).ToBeVisibleAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await jo.Page.GetByText("Young people", new() { Exact = true }).ClickAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Progress of Sam" }).ClickAsync();
        await Expect(jo.Page.GetByRole(AriaRole.Img, new() { Name = "Progress on \"Notice when exams make it loud in my head\"" })).ToBeVisibleAsync();

        // Alex sees only their own (empty) goals, and asking for Sam's progress is refused.
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await alex.Page.SignInAsync(room.Young[1]);
        await Expect(alex.Page.MessageBox()).ToBeVisibleAsync();
        await alex.Page.GetByRole(AriaRole.Button, new() { Name = "My goals", Exact = true }).ClickAsync();
        await Expect(alex.Page.GetByText("No goals yet.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(alex.Page.GetByText("Notice when exams")).ToHaveCountAsync(0);
        var status = await alex.Page.EvaluateAsync<int>(
            "async (path) => (await fetch(path, { headers: { Authorization: 'Bearer ' + JSON.parse(sessionStorage.getItem('onlinegroup.session')).accessToken } })).status",
            $"/api/groups/{room.GroupId}/members/{room.Young[0].MemberId}/progress");
        status.Should().Be(403);
        sam.Errors.Should().BeEmpty();
        jo.Errors.Should().BeEmpty();
        alex.Errors.Should().BeEmpty();
    }
}
