using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Hosting;

/// <summary>
/// With <c>Demo:Seed</c>, the first start creates a demo group with staff and two young people, with a
/// session open now, and prints the accounts (also kept in data/demo-accounts.txt). Never in production.
/// </summary>
public sealed class DemoSeed(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Groups.AnyAsync(cancellationToken))
        {
            return;
        }

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
        var now = time.GetUtcNow();
        var lines = new StringBuilder();
        Account Add(string username, string displayName, string role)
        {
            var password = RandomPassword();
            var account = new Account
            {
                Id = Ids.New(), Username = username, NormalizedUsername = username, PasswordHash = "",
                DisplayName = displayName, Role = role, CreatedAt = now,
            };
            account.PasswordHash = hasher.HashPassword(account, password);
            db.Accounts.Add(account);
            lines.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {role,-13} {username,-14} {password}");
            return account;
        }

        if (!await db.Accounts.AnyAsync(a => a.Role == Roles.Admin, cancellationToken))
        {
            Add("admin", "Administrator", Roles.Admin);
        }

        var moderator = Add("mod.demo", "Jo (moderator)", Roles.Moderator);
        var coModerator = Add("mod2.demo", "Sky (moderator)", Roles.Moderator);
        var lead = Add("lead.demo", "Priya (safeguarding)", Roles.Safeguarding);
        var group = new Group
        {
            Id = Ids.New(), Name = "Thursday Evening Group", TimeZone = "Europe/London", Capacity = 12, MinAge = 12, MaxAge = 18,
            AllowSupporters = false, RequireModerator = true, MinModerators = 1, ClosedMessage =
                "The group is closed right now. If you need to talk to someone tonight, the contacts below are there for you.",
            CreatedBy = moderator.Id, CreatedAt = now,
        };
        db.Groups.Add(group);
        db.GroupStaff.Add(new GroupStaff { GroupId = group.Id, AccountId = moderator.Id, Duty = Duties.Moderator, AssignedAt = now });
        db.GroupStaff.Add(new GroupStaff { GroupId = group.Id, AccountId = coModerator.Id, Duty = Duties.Moderator, AssignedAt = now });
        db.GroupStaff.Add(new GroupStaff { GroupId = group.Id, AccountId = lead.Id, Duty = Duties.SafeguardingLead, AssignedAt = now });
        // Signed off, so the demo opens at once (Groups:RequireReadiness); the young people below agreed to its house rules.
        db.GroupReadiness.Add(Readiness.ReadinessSeed.Demo(group.Id, moderator.Id, coModerator.Id, lead.Id, now));
        foreach (var (day, start, end) in new[] { (DayOfWeek.Tuesday, 18, 20), (DayOfWeek.Thursday, 18, 20) })
        {
            db.WeeklySessions.Add(new WeeklySession { Id = Ids.New(), GroupId = group.Id, Day = day, Start = new TimeOnly(start, 0), End = new TimeOnly(end, 0) });
        }

        db.OneOffSessions.Add(new OneOffSession { Id = Ids.New(), GroupId = group.Id, StartsAt = now.AddMinutes(-5), EndsAt = now.AddHours(3), CreatedBy = moderator.Id, CreatedAt = now });
        foreach (var (username, name) in new[] { ("sam.demo", "Sam"), ("alex.demo", "Alex") })
        {
            var young = Add(username, name, Roles.Participant);
            db.Members.Add(new Member
            {
                Id = Ids.New(), GroupId = group.Id, AccountId = young.Id, DisplayName = name, Age = 15, Kind = MemberKinds.Member,
                Status = MemberStatus.Active, InviteCodeHash = InviteCodes.Hash(InviteCodes.New()), RedeemedAt = now, CreatedAt = now,
                AgreedRulesVersion = 1, AgreedRulesAt = now,
            });
        }

        var code = InviteCodes.New();
        db.Members.Add(new Member
        {
            Id = Ids.New(), GroupId = group.Id, DisplayName = "River", Age = 14, Kind = MemberKinds.Member,
            Status = MemberStatus.Active, InviteCodeHash = InviteCodes.Hash(code), CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);

        var text = "Demo accounts (role, username, password), created once:\n" + lines +
                   $"  invitation code for a new young person \"River\": {code}\n" +
                   "Pages: /  (young people), /moderate, /safeguarding\n";
        Console.WriteLine(text);
        var folder = Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Default") ?? DataExtensions.DefaultSqlite).DataSource)) ?? "data";
        await File.WriteAllTextAsync(Path.Combine(folder, "demo-accounts.txt"), text, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string RandomPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i is 4 or 8 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
