using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OnlineGroup.Server.Security;

/// <summary><c>Chat:MaxConnectionsPerAccount</c>: how many hub connections one account may hold open on one instance.</summary>
public sealed class ConnectionCapOptions
{
    public const string Section = "Chat";

    [Range(1, 10_000, ErrorMessage = "Chat:MaxConnectionsPerAccount must be a whole number from 1 to 10000 (a phone and a few tabs need about 3).")]
    public int MaxConnectionsPerAccount { get; set; } = 10;
}

/// <summary>
/// Refuses a hub connection beyond <see cref="ConnectionCapOptions.MaxConnectionsPerAccount"/> for one
/// account, so one token cannot exhaust the server's sockets and memory; the refused client is told why
/// in the Close message. Counted per instance (each instance of a cluster applies the cap to its own).
/// </summary>
public sealed class ConnectionCap(IOptions<ConnectionCapOptions> options, ILogger<ConnectionCap> logger) : IHubFilter
{
    private readonly Dictionary<string, HashSet<string>> _byAccount = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var account = context.Context.UserIdentifier ?? context.Context.ConnectionId;
        var connectionId = context.Context.ConnectionId;
        var cap = options.Value.MaxConnectionsPerAccount;
        lock (_byAccount)
        {
            if (!_byAccount.TryGetValue(account, out var connections))
            {
                _byAccount[account] = connections = new(StringComparer.Ordinal);
            }

            if (connections.Count >= cap)
            {
                SecurityLog.ConnectionRefused(logger, account, cap);
                throw new HubException(
                    $"You already have {cap} chat connections open. Close some other tabs or devices and try again.");
            }

            connections.Add(connectionId);
        }

        try
        {
            await next(context);
        }
        catch
        {
            Forget(account, connectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Forget(context.Context.UserIdentifier ?? context.Context.ConnectionId, context.Context.ConnectionId);
        await next(context, exception);
    }

    private void Forget(string account, string connectionId)
    {
        lock (_byAccount)
        {
            if (_byAccount.TryGetValue(account, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _byAccount.Remove(account);
            }
        }
    }
}
