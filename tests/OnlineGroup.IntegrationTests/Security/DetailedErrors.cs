using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>Outside Development, a hub error shows the client no exception text (which could carry server internals).</summary>
public sealed class DetailedErrors(SecurityApp fixture) : IClassFixture<SecurityApp>
{
    [Fact]
    public void HubDetailedErrorsAreOffOutsideDevelopment()
    {
        var services = fixture.App.Services;
        services.GetRequiredService<IOptions<HubOptions>>().Value.EnableDetailedErrors.Should().NotBe(true);
        services.GetRequiredService<IOptions<HubOptions<ChatHub>>>().Value.EnableDetailedErrors.Should().NotBe(true);
    }
}
