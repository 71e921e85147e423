using Microsoft.Playwright;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>What a person does on the pages, found the way a screen reader would: by role and accessible name.</summary>
public static class Pages
{
    public static async Task SignInAsync(this IPage page, Person person)
    {
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(person.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>The region labelled Messages.</summary>
    public static ILocator MessagesRegion(this IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Messages", Exact = true });

    /// <summary>The chat's messages: list items inside the region labelled Messages.</summary>
    public static ILocator Messages(this IPage page) => page.MessagesRegion().GetByRole(AriaRole.Listitem);

    /// <summary>The one message showing this text.</summary>
    public static ILocator Message(this IPage page, string text) => page.Messages().Filter(new() { HasText = text });

    public static ILocator MessageBox(this IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    public static async Task SendAsync(this IPage page, string text)
    {
        await page.MessageBox().FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
    }

    /// <summary>Fills a modal dialog's fields by label and presses its confirming button.</summary>
    public static async Task AnswerDialogAsync(this IPage page, string confirm, params (string Label, string Value)[] fields)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        foreach (var (label, value) in fields)
        {
            await dialog.GetByLabel(label).FillAsync(value);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
    }

    /// <summary>How wide the page's content is: wider than the viewport means sideways scrolling.</summary>
    public static Task<int> ScrollWidthAsync(this IPage page) => page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
}
