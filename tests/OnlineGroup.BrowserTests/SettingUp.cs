using Microsoft.Playwright;
using OnlineGroup.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OnlineGroup.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SettingUp(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WeeklyOpeningTimesAModeratorSavesAreThereWhenTheyComeBack()
    {
        var room = await _app.RoomAsync([], open: false);
        await using var jo = await browser.OpenAsync(_app, "/moderate");
        var page = jo.Page;
        await page.SignInAsync(room.Moderator);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up", Exact = true }).ClickAsync();

        var times = page.GetByRole(AriaRole.Form, new() { Name = "Weekly opening times" });
        await times.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("Thursday");
        await times.GetByLabel("Opens", new() { Exact = true }).FillAsync("18:00");
        await times.GetByLabel("Closes", new() { Exact = true }).FillAsync("20:00");
        await times.GetByRole(AriaRole.Button, new() { Name = "Save opening times" }).ClickAsync();
        await Expect(times.GetByRole(AriaRole.Status)).ToHaveTextAsync("Opening times saved.");

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up", Exact = true }).ClickAsync();
        await Expect(times.GetByLabel("Day", new() { Exact = true })).ToHaveValueAsync("Thursday");
        await Expect(times.GetByLabel("Opens", new() { Exact = true })).ToHaveValueAsync("18:00");
        await Expect(times.GetByLabel("Closes", new() { Exact = true })).ToHaveValueAsync("20:00");
        jo.Errors.Should().BeEmpty();
    }
}
