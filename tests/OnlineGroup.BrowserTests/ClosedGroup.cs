using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

/// <summary>Outside opening times a young person learns when the group next opens and who can help now.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClosedGroup(BrowserFixture browser) : IAsyncLifetime
{
    // A service's own contact, so the test sees the group's status and not the page's built-in helplines.
    private readonly OnlineGroupApp _app = new(settings: new Dictionary<string, string?>
    {
        ["SupportContacts:0:name"] = "Hillside Youth Service duty worker",
        ["SupportContacts:0:phone"] = "01632 960123",
        ["SupportContacts:0:hours"] = "Weekdays 9am to 5pm",
        ["SupportContacts:1:name"] = "Childline",
        ["SupportContacts:1:phone"] = "0800 1111",
        ["SupportContacts:1:hours"] = "24/7, free",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AClosedGroupShowsItsNextOpeningInTheViewersTimeAndItsSupportContacts()
    {
        var room = await _app.RoomAsync(["Sam"], open: false);
        var opens = new DateTimeOffset(_app.Time.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(18), TimeSpan.Zero);
        using (var http = _app.Http(room.AdminToken))
        {
            (await http.PostAsJsonAsync($"/api/groups/{room.GroupId}/sessions", new { startsAt = opens, endsAt = opens.AddHours(2) })).EnsureSuccessStatusCode();
        }

        await using var sam = await browser.OpenAsync(_app, "/", Sizes.Phone);
        await sam.Page.SignInAsync(room.Young[0]);

        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "The group is closed right now" })).ToBeVisibleAsync();
        await Expect(sam.Page.GetByText("It opens next")).ToContainTextAsync(InLondon(opens));
        await Expect(sam.Page.GetByText("The group meets on Thursday evenings. See you then.")).ToBeVisibleAsync();
        var contacts = sam.Page.GetByRole(AriaRole.Region, new() { Name = "If you need someone now" });
        await Expect(contacts).ToContainTextAsync("Hillside Youth Service duty worker");
        await Expect(contacts.GetByRole(AriaRole.Link, new() { Name = "Call 01632 960123" })).ToHaveAttributeAsync("href", "tel:01632960123");
        await Expect(sam.Page.MessageBox()).ToBeHiddenAsync();
        await Shots.SaveAsync(sam, "young-closed-phone", Sizes.Phone);
    }

    /// <summary>How the page words a time three days ahead for a viewer in London: "Sunday at 18:00 GMT".</summary>
    private static string InLondon(DateTimeOffset at)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var abbreviation = zone.IsDaylightSavingTime(local) ? "BST" : "GMT";
        return $"{local.DayOfWeek} at {local.ToString("HH:mm", CultureInfo.InvariantCulture)} {abbreviation}";
    }
}
