using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.IntegrationTests.Hosting;

/// <summary>
/// The gen0 cap lives in the server's runtimeconfig.json, which only a server started as its own process
/// (as an operator starts it) reads; a test host in this process would not. So: start one, and read what
/// it says at start about the memory settings in effect.
/// </summary>
public sealed class MemorySettings
{
    [Fact]
    public async Task TheServerRunsWithItsGen0BudgetCappedAndSaysSoAtStart()
    {
        var folder = TestPaths.NewFolder("memory");
        var settings = new Dictionary<string, string>
        {
            ["Serilog__WriteTo__0__Args__path"] = Path.Combine(folder, "start-.json"),
            ["Serilog__MinimumLevel__Override__OnlineGroup.Server.Hosting.RuntimeMemory"] = "Information",
        };

        await using (await ServerProcess.StartAsync(folder, settings))
        {
            var said = await StartLineAsync(folder);

            said.GetProperty("Collector").GetString().Should().Be("server", "the server collects with a heap per core");
            said.GetProperty("Gen0MaxBudgetKiB").GetInt64().Should().Be(RuntimeMemory.Gen0MaxBudgetBytes / 1024,
                "the project file caps gen0 at the budget RuntimeMemory documents, and the runtime applied it");
            said.GetProperty("BuffersPerCore").GetString().Should().Be(BufferPool.ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static async Task<JsonElement> StartLineAsync(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "start-*.json"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                var entry = JsonDocument.Parse(line).RootElement;
                if (entry.TryGetProperty("EventId", out var id) && id.GetProperty("Id").GetInt32() == 3101)
                {
                    return entry.Clone();
                }
            }
        }

        throw new Xunit.Sdk.XunitException("The server wrote no memory settings line (event 3101) to its log at start.");
    }
}
