using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OnlineGroup.IntegrationTests.Infrastructure;

/// <summary>
/// The real server as its own operating-system process (`dotnet OnlineGroup.Server.dll`), so a test
/// can kill it with SIGKILL mid-write and start it again on the same files.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastOutput = new();
    private bool _disposed;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string dataFolder, IDictionary<string, string>? settings = null, int? port = null)
    {
        var url = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(dataFolder, "onlinegroup.db")}",
            ["Auth__SigningKey"] = OnlineGroupApp.SigningKey,
            ["Bootstrap__AdminUsername"] = OnlineGroupApp.AdminUsername,
            ["Bootstrap__AdminPassword"] = OnlineGroupApp.AdminPassword,
            ["Demo__Seed"] = "false",
            ["Groups__RequireReadiness"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__WriteTo__0__Name"] = "File",
            ["Serilog__WriteTo__0__Args__path"] = Path.Combine(TestPaths.LogsFolder, "process-.json"),
            ["Serilog__WriteTo__0__Args__formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
            ["Serilog__WriteTo__0__Args__shared"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, url);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye — as a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The last lines the process wrote, shown when it dies before it is ready (a crash at start says why there).</summary>
    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastOutput.Enqueue(line);
        while (_lastOutput.Count > 200 && _lastOutput.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// A start costs about 8 s of CPU (JIT, the EF model, the safeguarding automaton, the first admin's password
    /// hash); two together on 2 cores already busy with the rest of the suite have taken over 40 s. A hung start
    /// still fails, with the server's last output.
    /// </summary>
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(180);

    private string LastOutput => $"Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, _lastOutput)}";

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyWithin)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"The server exited with code {_process.ExitCode} before it was ready. {LastOutput}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        throw new TimeoutException(
            $"The server was not ready within {ReadyWithin.TotalSeconds:0} s. {LastOutput}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ServerDll()
    {
        var here = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OnlineGroup.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("OnlineGroup.sln not found above " + here),
            "src", "OnlineGroup.Server", "bin", configuration, "net10.0", "OnlineGroup.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first", dll);
    }
}
