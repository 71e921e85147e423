using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class HubSurface
{
    private static readonly List<MethodInfo> Methods = typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
        .ToList();

    [Fact]
    public void EveryHubMethodNamesWhoMayCallIt()
    {
        Methods.Should().NotBeEmpty();
        Methods.Where(m => m.GetCustomAttribute<AuthorizeAttribute>() is not { Policy.Length: > 0 } && m.GetCustomAttribute<SignedInAtConnectAttribute>() is null)
            .Select(m => m.Name)
            .Should().BeEmpty("every hub method must carry [Authorize(Policy = ...)] or [SignedInAtConnect] so no method is open by accident");
        Methods.Where(m => m.GetCustomAttribute<AuthorizeAttribute>() is not null && m.GetCustomAttribute<SignedInAtConnectAttribute>() is not null)
            .Select(m => m.Name)
            .Should().BeEmpty("a method names one rule, not two");
    }

    [Fact]
    public void TheHubItselfRequiresASignedInUser() =>
        // [SignedInAtConnect] relies on exactly this: the policy it names is checked when the connection is made.
        typeof(ChatHub).GetCustomAttribute<AuthorizeAttribute>().Should().BeEquivalentTo(new { Policy = Policies.SignedIn });

    [Fact]
    public void OnlyTheHotPathsSkipTheCheckPerCall() =>
        // Everything a role decides is checked on every call; only what every signed-in person may do is not.
        Methods.Where(m => m.GetCustomAttribute<SignedInAtConnectAttribute>() is not null).Select(m => m.Name)
            .Should().BeEquivalentTo(["JoinGroup", "LeaveGroup", "SendMessage", "GetHistory"]);
}
