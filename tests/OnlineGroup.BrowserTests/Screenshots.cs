using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>
/// The three pages in use, at a phone's and a laptop's size: none scrolls sideways. Each view is saved
/// as a PNG in the test output; with OnlineGroupTests__Screenshots set to a folder (docs/screenshots)
/// they are written there too, for the README.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Screenshots(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly (string Name, ViewportSize Size)[] Sizes_ = [("phone", Sizes.Phone), ("laptop", Sizes.Laptop)];

    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryPageFitsAPhoneAndALaptopWithoutSidewaysScrolling()
    {
        var room = await _app.RoomAsync(["Sam", "Alex", "Robin"]);
        await _app.GoalWithCheckInsAsync(room.GroupId, room.Young[0], "Go for a walk when it gets loud", 2, 3, 3, 4);
        await using var alex = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await using var robin = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await alex.Page.SignInAsync(room.Young[1]);
        await robin.Page.SignInAsync(room.Young[2]);
        await Expect(robin.Page.MessageBox()).ToBeVisibleAsync();
        await alex.Page.SendAsync("hey everyone, rough week but glad it's thursday");
        await robin.Page.SendAsync("same. exams are doing my head in");
        await alex.Page.SendAsync("what helps you when it gets loud in your head?");
        // Held by the safeguarding scan: staff see it, with a concern; no young person does.
        await robin.Page.SendAsync("i counted all the pills in the house tonight");
        await Expect(robin.Page.Message("i counted all the pills")).ToContainTextAsync("with a moderator");

        foreach (var (name, size) in Sizes_)
        {
            await using var sam = await browser.OpenAsync(_app, "/", size);
            await sam.Page.SignInAsync(room.Young[0]);
            if (name == "phone")
            {
                await Expect(sam.Page.Messages()).ToHaveCountAsync(3);
                await sam.Page.SendAsync("going for a walk helps me, and music");
            }

            await Expect(sam.Page.Messages()).ToHaveCountAsync(4);
            await Shots.SaveAsync(sam, $"young-chat-{name}", size);
            await sam.Page.GetByRole(AriaRole.Button, new() { Name = "My goals", Exact = true }).ClickAsync();
            await Expect(sam.Page.GetByRole(AriaRole.Img, new() { Name = "Progress on \"Go for a walk when it gets loud\"" })).ToBeVisibleAsync();
            await Shots.SaveAsync(sam, $"young-goals-{name}", size);
            await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).ClickAsync();

            await using var jo = await browser.OpenAsync(_app, "/moderate", size);
            await jo.Page.SignInAsync(room.Moderator);
            await Expect(jo.Page.Message("going for a walk helps me, and music")).ToBeVisibleAsync();
            await Expect(jo.Page.GetByRole(AriaRole.Button, new() { Name = "Approve message from Robin" })).ToBeVisibleAsync();
            await Shots.SaveAsync(jo, $"moderate-{name}", size);

            // The Group view (readiness open, a young person's progress shown) and the Care view.
            await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
            await jo.Page.GetByText("Readiness", new() { Exact = true }).ClickAsync();
            await Expect(jo.Page.GetByRole(AriaRole.List, new() { Name = "Still missing" })).ToBeVisibleAsync();
            await jo.Page.GetByText("Young people", new() { Exact = true }).ClickAsync();
            await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Progress of Sam" }).ClickAsync();
            await Expect(jo.Page.GetByRole(AriaRole.Img, new() { Name = "Progress on \"Go for a walk when it gets loud\"" })).ToBeVisibleAsync();
            await jo.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Shots.SaveAsync(jo, $"moderate-group-{name}", size);
            await jo.Page.GetByRole(AriaRole.Button, new() { Name = "Care", Exact = true }).ClickAsync();
            await Expect(jo.Page.GetByRole(AriaRole.Heading, new() { Name = "Your week" })).ToBeVisibleAsync();
            await Shots.SaveAsync(jo, $"moderate-care-{name}", size);

            await using var lead = await browser.OpenAsync(_app, "/safeguarding", size);
            await lead.Page.SignInAsync(room.Lead);
            await Expect(lead.Page.GetByRole(AriaRole.Heading, new() { Name = "Concerns", Level = 1 })).ToBeVisibleAsync();
            await Expect(lead.Page.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(lead.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "waiting to be acknowledged" })).ToBeVisibleAsync();
            await Shots.SaveAsync(lead, $"safeguarding-{name}", size);

            await using var signedOut = await browser.OpenAsync(_app, "/", size);
            await Expect(signedOut.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
            await Shots.SaveAsync(signedOut, $"young-sign-in-{name}", size);
        }
    }
}
