using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>Care for facilitators on /moderate: a debrief reaches the supervisor, with the hours; another moderator sees neither.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Debriefs(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AModeratorsDebriefReachesTheSupervisorWithTheirHoursAndAnotherModeratorSeesNeither()
    {
        var room = await _app.RoomAsync(["Sam"]);
        var morgan = await People.StaffAsync(_app, room.AdminToken, "moderator", "Morgan (supervisor)");
        await _app.AssignAsync(room.AdminToken, room.GroupId, morgan.UserId, "supervisor");
        var kai = await People.StaffAsync(_app, room.AdminToken, "moderator", "Kai (moderator)");
        await _app.AssignAsync(room.AdminToken, room.GroupId, kai.UserId, "moderator");

        await using var jo = await browser.OpenAsync(_app, "/moderate");
        await jo.Page.SignInAsync(room.Moderator);
        await Expect(jo.Page.MessageBox()).ToBeVisibleAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Care", Exact = true }).ClickAsync();
        await jo.Page.GetByLabel("How are you after this session?").SelectOptionAsync("2");
        await jo.Page.GetByLabel("Anything to hand over?").FillAsync("Sam went quiet after the break; worth a check-in");
        await jo.Page.GetByLabel("I\u2019d like to talk it through with my supervisor").CheckAsync();
        await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Send debrief", Exact = true }).ClickAsync();
        await Expect(jo.Page.GetByText("Thank you. Your debrief is with your supervisor, who will be in touch.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(jo.Page.GetByRole(AriaRole.Heading, new() { Name = "Supervising this group" })).ToHaveCountAsync(0);

        await using var supervisor = await browser.OpenAsync(_app, "/moderate");
        await supervisor.Page.SignInAsync(morgan);
        await supervisor.Page.GetByRole(AriaRole.Button, new() { Name = "Care", Exact = true }).ClickAsync();
        var debriefs = supervisor.Page.GetByRole(AriaRole.List, new() { Name = "Debriefs" });
        await Expect(debriefs).ToContainTextAsync("Jo (moderator)");
        await Expect(debriefs).ToContainTextAsync("feeling 2 of 5 · would like to talk");
        await Expect(debriefs).ToContainTextAsync("Sam went quiet after the break");
        var hours = supervisor.Page.GetByRole(AriaRole.List, new() { Name = "Hours this week" });
        await Expect(hours.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Jo (moderator)" })).ToContainTextAsync("hours");
        var requests = supervisor.Page.GetByRole(AriaRole.List, new() { Name = "Open supervision requests" });
        await requests.GetByRole(AriaRole.Button, new() { Name = "Resolve Jo (moderator)'s request" }).ClickAsync();
        await Expect(supervisor.Page.GetByText("No open requests.")).ToBeVisibleAsync();

        await using var other = await browser.OpenAsync(_app, "/moderate");
        await other.Page.SignInAsync(kai);
        await other.Page.GetByRole(AriaRole.Button, new() { Name = "Care", Exact = true }).ClickAsync();
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Your week" })).ToBeVisibleAsync();
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Supervising this group" })).ToHaveCountAsync(0);
        await Expect(other.Page.GetByText("Sam went quiet after the break")).ToHaveCountAsync(0);
        jo.Errors.Should().BeEmpty();
        supervisor.Errors.Should().BeEmpty();
        other.Errors.Should().BeEmpty();
    }
}
