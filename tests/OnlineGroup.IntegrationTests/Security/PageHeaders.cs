using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class PageHeaders
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/me")]
    public async Task PagesAndAnswersCarryProtectiveHeaders(string path)
    {
        await using var app = new OnlineGroupApp(kestrel: false);
        using var http = app.Http();

        var response = await http.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }
}
