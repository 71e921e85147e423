using Microsoft.Playwright;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots for people to look at: saved in the test output, and also in the folder named by
/// OnlineGroupTests__Screenshots when it is set (docs/screenshots, for the README).
/// </summary>
public static class Shots
{
    /// <summary>Checks the view does not scroll sideways and has no script errors, then saves it.</summary>
    public static async Task SaveAsync(Tab tab, string name, ViewportSize size)
    {
        (await tab.Page.ScrollWidthAsync()).Should().BeLessThanOrEqualTo(size.Width, $"{name} must not scroll sideways");
        tab.Errors.Should().BeEmpty($"{name} has no script errors");
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        await tab.Page.ScreenshotAsync(new() { Path = file, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        if (Environment.GetEnvironmentVariable("OnlineGroupTests__Screenshots") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.Copy(file, Path.Combine(folder, name + ".png"), overwrite: true);
        }
    }
}
