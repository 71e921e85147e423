using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>What staff get wrong in a schedule comes back as a 400 that says what to fix.</summary>
public sealed class ScheduleValidationProblems : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);
        _staff = _app.Http(_group.ModeratorToken);
    }

    public async Task DisposeAsync()
    {
        _staff.Dispose();
        await _app.DisposeAsync();
    }

    private static async Task<(string Detail, Dictionary<string, string[]> Errors)> ProblemAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("detail").GetString()!,
            problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(Api.Json)!);
    }

    [Fact]
    public async Task EveryMistakeInAWeeklyScheduleIsNamedWithWhereItIsAndWhatToDo()
    {
        var response = await _staff.PutAsJsonAsync($"/api/groups/{_group.GroupId}/schedule", new
        {
            timeZone = "Europe/Londn",
            weekly = new[]
            {
                new { day = "Friday", start = "22:00", end = "01:00" },
                new { day = "Saturday", start = "00:30", end = "02:00" },
                new { day = "Tue", start = "18:00", end = "20:00" },
                new { day = "Wednesday", start = "18:00", end = "18:00" },
                new { day = "Thursday", start = "6pm", end = "20:00" },
            },
        });

        var (detail, errors) = await ProblemAsync(response);
        errors["timeZone"].Should().ContainSingle().Which.Should().Contain("did you mean Europe/London?");
        errors["weekly[1]"].Should().ContainSingle().Which.Should().Contain("overlaps Friday 22:00 to 01:00");
        errors["weekly[2].day"].Should().ContainSingle().Which.Should().Contain("did you mean Tuesday?");
        errors["weekly[3].end"].Should().ContainSingle().Which.Should().Contain("starts and ends at the same time");
        errors["weekly[4].start"].Should().ContainSingle().Which.Should().Contain("'6pm' is not a time");
        detail.Should().Contain("did you mean Tuesday?");

        (await _app.SessionsAsync(_group.ModeratorToken, _group.GroupId, "2027-01-01T00:00:00Z", "2027-01-15T00:00:00Z"))
            .Should().BeEmpty("nothing of a refused schedule is kept");
    }

    [Fact]
    public async Task AScheduleWithoutItsWeeklyListSaysWhatToSend()
    {
        var (_, errors) = await ProblemAsync(await _staff.PutAsJsonAsync($"/api/groups/{_group.GroupId}/schedule", new { timeZone = "Europe/London" }));

        errors["weekly"].Single().Should().Contain("send [] for none");
    }

    [Fact]
    public async Task AClosureThatEndsBeforeItBeginsOrHasNoReasonIsRefused()
    {
        var response = await _staff.PostAsJsonAsync($"/api/groups/{_group.GroupId}/closures",
            new { from = "2030-01-10T00:00:00Z", to = "2030-01-03T00:00:00Z", reason = " " });

        var (_, errors) = await ProblemAsync(response);
        errors["to"].Single().Should().Contain("before it begins");
        errors["reason"].Single().Should().Contain("needs a reason");
    }

    [Fact]
    public async Task AOneOffSessionThatEndsBeforeItStartsIsRefused()
    {
        var now = _app.Time.GetUtcNow();
        var response = await _staff.PostAsJsonAsync($"/api/groups/{_group.GroupId}/sessions", new { startsAt = now.AddHours(3), endsAt = now.AddHours(2) });

        var (detail, _) = await ProblemAsync(response);
        detail.Should().Contain("before it starts");
    }

    [Fact]
    public async Task ASessionsWindowThatIsBackwardsTooLongOrNotATimeIsRefused()
    {
        var url = $"/api/groups/{_group.GroupId}/sessions";

        (await ProblemAsync(await _staff.GetAsync($"{url}?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z"))).Errors["to"].Single()
            .Should().Contain("must be later than 'from'");
        (await ProblemAsync(await _staff.GetAsync($"{url}?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z"))).Errors["to"].Single()
            .Should().Contain("longer than 366 days");
        (await ProblemAsync(await _staff.GetAsync($"{url}?from=2027-01-01T00:00:00+01:00"))).Errors["from"].Single()
            .Should().Contain("%2B");
    }

    [Fact]
    public async Task WithoutAWindowTheSessionsListShowsTheNextFourWeeks()
    {
        await _app.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId, new { day = "Monday", start = "18:00", end = "19:00" });

        var sessions = await (await _staff.GetAsync($"/api/groups/{_group.GroupId}/sessions")).ReadAsync<List<Session>>();

        sessions.Should().HaveCount(4);
        sessions[0].StartsAt.Should().BeAfter(_app.Time.GetUtcNow().AddDays(-1));
    }

    [Fact]
    public async Task OnlyTheGroupsStaffCanChangeItsSchedule()
    {
        using var young = _app.Http(_group.Young[0].Token);
        var otherGroup = await _app.CreateGroupAsync(_group.AdminToken);

        (await young.PutAsJsonAsync($"/api/groups/{_group.GroupId}/schedule", new { weekly = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _staff.PutAsJsonAsync($"/api/groups/{otherGroup}/schedule", new { weekly = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await young.GetAsync($"/api/groups/{otherGroup}/status")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _staff.GetAsync($"/api/groups/nosuchgroup/sessions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
