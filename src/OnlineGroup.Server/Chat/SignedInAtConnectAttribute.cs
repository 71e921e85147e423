using OnlineGroup.Server.Accounts;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// Names a hub method open to everyone the hub admitted: <see cref="Policies.SignedIn"/>, which the hub's
/// own <c>[Authorize]</c> checks when the connection is made. A connection's principal cannot change while
/// it lasts (an expired token closes it), so the same policy is not evaluated again on every call, which is
/// what SignalR does for <c>[Authorize]</c> on a method: under load that was 2% of the server's CPU and 12%
/// of what it allocated, on the path every message takes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SignedInAtConnectAttribute : Attribute;
