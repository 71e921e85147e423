using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class HubSurface
{
    [Fact]
    public void EveryHubMethodNamesWhoMayCallIt()
    {
        var methods = typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
            .ToList();

        methods.Should().NotBeEmpty();
        methods.Where(m => m.GetCustomAttribute<AuthorizeAttribute>() is not { Policy.Length: > 0 })
            .Select(m => m.Name)
            .Should().BeEmpty("every hub method must carry [Authorize(Policy = ...)] so no method is open by accident");
    }

    [Fact]
    public void TheHubItselfRequiresASignedInUser() =>
        typeof(ChatHub).GetCustomAttribute<AuthorizeAttribute>().Should().NotBeNull();
}
