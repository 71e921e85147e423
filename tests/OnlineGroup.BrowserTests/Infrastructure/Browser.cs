using Microsoft.Playwright;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run (Debian's /usr/bin/chromium; Playwright never downloads
/// a browser here). Each test opens its own contexts, which are as separate as two phones.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the browser is; override with OnlineGroupTests__Chromium.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("OnlineGroupTests__Chromium") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Missing Chromium is a failure everywhere (CI included), never a silent pass or a skip.
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}. Install it with `apt-get install -y chromium` " +
                "(./test.sh does), or point OnlineGroupTests__Chromium at a Chromium binary.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Two cores shared with other builds: give pages and assertions time, never a fixed sleep.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (no shared storage) at a phone's or a laptop's size.</summary>
    public async Task<Tab> OpenAsync(OnlineGroupApp app, string path, ViewportSize? size = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = size ?? Sizes.Laptop,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var tab = new Tab(context, page);
        await page.GotoAsync(path);
        return tab;
    }
}

public static class Sizes
{
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 780 };
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>One page in its own browser context, recording what went wrong in its scripts.</summary>
public sealed class Tab : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly List<string> _console = [];

    public Tab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => { lock (_errors) { _errors.Add("page error: " + error); } };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_console) { _console.Add(message.Text); }
            }
        };
        page.Dialog += (_, dialog) => { lock (_errors) { _errors.Add("unexpected alert(): " + dialog.Message); } _ = dialog.DismissAsync(); };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Uncaught script errors and alert() calls seen so far: a page that works has none.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) { return [.. _errors]; } }
    }

    /// <summary>console.error lines (including the browser's own "failed to load" lines), for diagnosis.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get { lock (_console) { return [.. _console]; } }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
