using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Accounts;

/// <summary>Creates the first admin from <c>Bootstrap:AdminUsername</c>/<c>AdminPassword</c> when no admin exists.</summary>
public sealed class BootstrapAdmin(IServiceScopeFactory scopes, IOptions<BootstrapOptions> options, TimeProvider time, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (username, password) = (options.Value.AdminUsername, options.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return;
        }

        if ((Names.CheckUsername(username) ?? Names.CheckPassword(password, username)) is { } problem)
        {
            throw new InvalidOperationException("Bootstrap:AdminUsername/AdminPassword cannot be used: " + problem);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Accounts.AnyAsync(a => a.Role == Roles.Admin, cancellationToken))
        {
            return;
        }

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
        var account = new Account
        {
            Id = Ids.New(),
            Username = username,
            NormalizedUsername = Names.NormalizeUsername(username),
            PasswordHash = "",
            DisplayName = "Administrator",
            Role = Roles.Admin,
            CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Several instances starting at once (PostgreSQL): the unique username let one create it; the others carry on.
            await using var again = scopes.CreateAsyncScope();
            var fresh = again.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await fresh.Accounts.AnyAsync(a => a.Role == Roles.Admin && a.NormalizedUsername == account.NormalizedUsername, cancellationToken))
            {
                return;
            }

            throw;
        }

        AccountsLog.BootstrapAdminCreated(logger, account.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
