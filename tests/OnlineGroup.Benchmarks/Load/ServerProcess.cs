using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// A server under test, running as a child process of the load generator so that the two do not
/// share a GC heap or a thread pool, and so that the server's memory can be read from /proc.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private bool _logClosed;

    private ServerProcess(string name, Process process, Uri baseUri, StreamWriter log)
    {
        Name = name;
        _process = process;
        BaseUri = baseUri;
        _log = log;
    }

    public string Name { get; }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    /// <summary>Starts this benchmark's own executable with <c>bare-server</c>.</summary>
    public static ServerProcess StartBare(string name, string logPath, bool serverGc)
    {
        var port = FreePort();
        var self = typeof(ServerProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        // Run as `dotnet OnlineGroup.Benchmarks.dll` or as the apphost, whichever started us.
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(self);
        }

        start.ArgumentList.Add("bare-server");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url(port));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The product is a Web SDK project (server GC); give the baseline the same collector so that
        // memory per connection compares like with like.
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        return Start(name, start, port, logPath);
    }

    /// <summary>Starts the product's dll from the repository root with a fresh SQLite database.</summary>
    /// <param name="settings">Configuration applied last, over the load benchmark's own (the abuse benchmark restores the default rate limit).</param>
    public static ServerProcess StartProduct(string name, string serverDll, string repoRoot, string dataDir, string adminUser, string adminPassword, string logPath,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException($"The product server is not built: {serverDll}. Run `dotnet build -c Release` first.", serverDll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url(port));
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Default"] = $"Data Source={Path.Combine(dataDir, "onlinegroup.db")}";
        env["Database__Provider"] = "Sqlite";
        env.Remove("ConnectionStrings__Redis"); // one process: no backplane
        env["Bootstrap__AdminUsername"] = adminUser;
        env["Bootstrap__AdminPassword"] = adminPassword;
        env["Demo__Seed"] = "false";
        // A fresh token signing key, so that the product does not create one under the repository's data/.
        env["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        env["Groups__RequireReadiness"] = "false";
        // The load is many messages per member; the per-user limit would turn it into a rate-limit test.
        env["Chat__RateLimit__Burst"] = "1000000";
        env["Chat__RateLimit__PerSecond"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return Start(name, start, port, logPath);
    }

    /// <summary>Resident memory of the server process (VmRSS), in bytes.</summary>
    public long ReadRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {Pid}");
    }

    /// <summary>CPU time (user + system) the server process has used so far.</summary>
    public TimeSpan ReadCpuTime()
    {
        // /proc/PID/stat: "pid (comm) state ..." — fields after the closing parenthesis; utime and
        // stime are the 14th and 15th fields overall, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s; see its log.");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private static ServerProcess Start(string name, ProcessStartInfo start, int port, string logPath)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var server = new ServerProcess(name, process, new Uri(Url(port) + "/"), log);
        // Drain both pipes into the log: a child blocked on a full pipe would look like a slow server.
        process.OutputDataReceived += (_, e) => server.WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => server.WriteLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
