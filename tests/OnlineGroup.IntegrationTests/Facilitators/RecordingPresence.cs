using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Readiness;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Facilitators;

namespace OnlineGroup.IntegrationTests.Facilitators;

/// <summary>Presence survives servers stopping: a crash does not leave a moderator "present" for ever, and one server never ends another's.</summary>
public sealed class RecordingPresence : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(ReadinessSteps.NextWednesdayNoon()));
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 0);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AVisitLeftOpenByAServerThatStoppedEndsAtItsLastConfirmationAndIsMarkedEstimated()
    {
        var now = _app.Time.GetUtcNow();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.StaffPresence.Add(new StaffPresence
            {
                GroupId = _group.GroupId, AccountId = _group.ModeratorId, Instance = "crashed", JoinedAt = now.AddMinutes(-50), SeenAt = now.AddMinutes(-20),
            });
            db.StaffPresence.Add(new StaffPresence
            {
                GroupId = _group.GroupId, AccountId = _group.ModeratorId, Instance = "alive", JoinedAt = now.AddMinutes(-30), SeenAt = now.AddSeconds(-30),
            });
            await db.SaveChangesAsync();
        }

        await _app.Services.GetRequiredService<PresenceRecorder>().ConfirmNowAsync(CancellationToken.None);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().StaffPresence.AsNoTracking().ToDictionaryAsync(p => p.Instance);
            rows["crashed"].LeftAt.Should().Be(now.AddMinutes(-20));
            rows["crashed"].EndEstimated.Should().BeTrue();
            rows["alive"].LeftAt.Should().BeNull("another server is still confirming its moderator is there");
        }

        using var admin = _app.Http(_group.AdminToken);
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/facilitators/hours?groupId={_group.GroupId}");
        var moderator = report.GetProperty("facilitators").EnumerateArray().Single(f => f.GetProperty("userId").GetString() == _group.ModeratorId);
        moderator.GetProperty("hours").GetDouble().Should().Be(0.8, "50 minutes: the crashed visit's 30 and the live one's 30 overlap by 10");
        moderator.GetProperty("estimated").GetBoolean().Should().BeTrue();
    }
}
