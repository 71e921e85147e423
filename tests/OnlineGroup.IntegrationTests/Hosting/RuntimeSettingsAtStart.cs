using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.IntegrationTests.Hosting;

/// <summary>
/// The gen0 cap and the thread pool's spinning live in the server's runtimeconfig.json, which only a server
/// started as its own process (as an operator starts it) reads; a test host in this process would not. So:
/// start one, and read what it says at start about the settings in effect.
/// </summary>
public sealed class RuntimeSettingsAtStart
{
    [Fact]
    public async Task TheServerRunsWithItsGen0BudgetCappedAndIdleWorkersNotSpinningAndSaysSoAtStart()
    {
        var folder = TestPaths.NewFolder("runtime");
        var settings = new Dictionary<string, string>
        {
            ["Serilog__WriteTo__0__Args__path"] = Path.Combine(folder, "start-.json"),
            ["Serilog__MinimumLevel__Override__OnlineGroup.Server.Hosting.RuntimeSettings"] = "Information",
        };

        await using (await ServerProcess.StartAsync(folder, settings))
        {
            var memory = await StartLineAsync(folder, 3101);
            memory.GetProperty("Collector").GetString().Should().Be("server", "the server collects with a heap per core");
            memory.GetProperty("Gen0MaxBudgetKiB").GetInt64().Should().Be(RuntimeSettings.Gen0MaxBudgetBytes / 1024,
                "the project file caps gen0 at the budget RuntimeSettings documents, and the runtime applied it");
            memory.GetProperty("BuffersPerCore").GetString().Should().Be(BufferPool.ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var threads = await StartLineAsync(folder, 3102);
            threads.GetProperty("SpinLimit").GetInt32().Should().Be(RuntimeSettings.ThreadPoolSpinLimit,
                "the project file stops idle workers spinning (the runtime's default is 70), and the runtime read it");
        }
    }

    private static async Task<JsonElement> StartLineAsync(string folder, int eventId)
    {
        foreach (var file in Directory.GetFiles(folder, "start-*.json"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                var entry = JsonDocument.Parse(line).RootElement;
                if (entry.TryGetProperty("EventId", out var id) && id.GetProperty("Id").GetInt32() == eventId)
                {
                    return entry.Clone();
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"The server wrote no runtime settings line (event {eventId}) to its log at start.");
    }
}
