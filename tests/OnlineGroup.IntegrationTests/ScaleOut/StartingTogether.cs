using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>What `docker compose up` does: two server processes started at the same moment on an empty PostgreSQL database.</summary>
public sealed class StartingTogether
{
    [Fact]
    public async Task TwoInstancesStartedAtOnceOnAnEmptyDatabaseBothComeUpAndShareTheFirstAdmin()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = await TestServices.NewPostgresDatabaseAsync(),
            ["ConnectionStrings__Redis"] = TestServices.Redis,
        };

        // Both migrate, create Quartz's tables, install the audit trigger and bootstrap the admin at the same time;
        // each start waits for /health/ready and fails if its process exits first.
        Task<ServerProcess>[] starting =
        [
            ServerProcess.StartAsync(TestPaths.NewFolder("node"), settings),
            ServerProcess.StartAsync(TestPaths.NewFolder("node"), settings),
        ];
        ServerProcess[] servers;
        try
        {
            servers = await Task.WhenAll(starting);
        }
        catch
        {
            // One failed to start: the other must not outlive the test.
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }

            throw;
        }

        await using var a = servers[0];
        await using var b = servers[1];

        using var http = new HttpClient();
        var login = await (await http.PostAsJsonAsync(new Uri(a.BaseAddress, "/api/auth/login"),
            new { username = OnlineGroupApp.AdminUsername, password = OnlineGroupApp.AdminPassword })).ReadAsync<Login>();
        using var onB = new HttpRequestMessage(HttpMethod.Get, new Uri(b.BaseAddress, "/api/concerns"));
        onB.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        (await http.SendAsync(onB)).StatusCode.Should().Be(HttpStatusCode.OK, "the one admin signed in on A is known on B");
    }
}
