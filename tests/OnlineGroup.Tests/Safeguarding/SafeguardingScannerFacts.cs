using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>The scanner the server registers: which file it reads, reloading, and what it logs.</summary>
public sealed class SafeguardingScannerFacts : IDisposable
{
    private static readonly TimeSpan FileWatchTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("onlinegroup-rules-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Is_registered_as_the_one_scanner_behind_the_interface()
    {
        using var services = Services(Write("rules.json", Rules("1", "first phrase")));

        services.GetRequiredService<ISafeguardingScanner>().Should().BeSameAs(services.GetRequiredService<SafeguardingScanner>());
    }

    [Fact]
    public void Uses_the_rules_shipped_with_the_server_when_no_file_is_configured()
    {
        using var services = Services(rulesFile: null);
        var scanner = services.GetRequiredService<SafeguardingScanner>();

        scanner.RulesFile.Should().Be(ShippedRules.Path);
        scanner.Scan("I want to die").Action.Should().Be(ScanAction.Flag);
    }

    [Fact]
    public void A_missing_rules_file_fails_with_a_message_that_names_the_setting()
    {
        using var services = Services(Path.Combine(_directory, "nowhere.json"));

        var resolve = () => services.GetRequiredService<ISafeguardingScanner>();

        resolve.Should().Throw<FileNotFoundException>().WithMessage("*nowhere.json*Safeguarding:RulesFile*");
    }

    [Fact]
    public void A_broken_rules_file_at_startup_fails_with_the_problems_listed()
    {
        using var services = Services(Write("rules.json", """{ "rules": [ { "id": "x", "category": "selfHarm", "severity": "high", "action": "block", "patterns": ["cut"] } ] }"""));

        var resolve = () => services.GetRequiredService<ISafeguardingScanner>();

        resolve.Should().Throw<InvalidDataException>().WithMessage("*rules.json*cannot be used*'x' would block a disclosure*");
    }

    [Fact]
    public async Task Reloads_the_rules_when_the_file_changes()
    {
        string path = Write("rules.json", Rules("1", "first phrase"));
        using var services = Services(path);
        var scanner = services.GetRequiredService<SafeguardingScanner>();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scanner.RulesReloaded += (_, e) =>
        {
            if (e.Succeeded && e.Rules.Version == "2")
            {
                reloaded.TrySetResult();
            }
        };

        await File.WriteAllTextAsync(path, Rules("2", "second phrase"));
        await reloaded.Task.WaitAsync(FileWatchTimeout);

        scanner.Scan("the second phrase").RaisesConcern.Should().BeTrue();
        scanner.Scan("the first phrase").RaisesConcern.Should().BeFalse();
    }

    [Fact]
    public async Task Keeps_the_previous_rules_and_logs_an_error_when_the_changed_file_is_broken()
    {
        string path = Write("rules.json", Rules("1", "first phrase"));
        using var services = Services(path);
        var scanner = services.GetRequiredService<SafeguardingScanner>();
        var failed = new TaskCompletionSource<RulesReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        scanner.RulesReloaded += (_, e) =>
        {
            if (!e.Succeeded)
            {
                failed.TrySetResult(e);
            }
        };

        await File.WriteAllTextAsync(path, """{ "rules": [ { "id": "half-writ""");
        var attempt = await failed.Task.WaitAsync(FileWatchTimeout);

        attempt.Rules.Version.Should().Be("1");
        scanner.Rules.Version.Should().Be("1");
        scanner.Scan("the first phrase").RaisesConcern.Should().BeTrue();
        _logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.EventId.Id == 4101 && e.Exception is InvalidDataException);
    }

    [Fact]
    public void Reload_on_request_swaps_good_rules_in_and_keeps_the_old_ones_when_the_new_are_broken()
    {
        string path = Write("rules.json", Rules("1", "first phrase"));
        using var services = Services(path, watch: false);
        var scanner = services.GetRequiredService<SafeguardingScanner>();

        File.WriteAllText(path, Rules("2", "second phrase"));
        scanner.Reload().Should().BeTrue();
        scanner.Scan("second phrase").RaisesConcern.Should().BeTrue();

        File.WriteAllText(path, Rules("3", "third phrase").Replace("flag", "maybe", StringComparison.Ordinal));
        scanner.Reload().Should().BeFalse();
        scanner.Rules.Version.Should().Be("2");
        scanner.Scan("second phrase").RaisesConcern.Should().BeTrue();
    }

    [Fact]
    public void Follows_the_setting_when_it_points_to_another_file()
    {
        string first = Write("first.json", Rules("1", "first phrase"));
        string second = Write("second.json", Rules("2", "second phrase"));
        var configuration = Configuration(first, watch: false);
        using var services = Services(configuration);
        var scanner = services.GetRequiredService<SafeguardingScanner>();

        configuration["Safeguarding:RulesFile"] = second;
        configuration.Reload();

        scanner.RulesFile.Should().Be(second);
        scanner.Scan("second phrase").RaisesConcern.Should().BeTrue();
    }

    [Fact]
    public void Logs_the_length_and_rule_ids_of_a_concern_but_never_its_text()
    {
        using var services = Services(Write("rules.json", Rules("1", "first phrase")));
        var scanner = services.GetRequiredService<ISafeguardingScanner>();

        scanner.Scan("my secret first phrase");

        var entry = _logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4103).Subject;
        entry.Message.Should().Contain("rule-1").And.Contain("22").And.NotContain("secret").And.NotContain("phrase");
    }

    private static string Rules(string version, string phrase) => $$"""
        {
          "version": "{{version}}",
          "rules": [ { "id": "rule-{{version}}", "category": "selfHarm", "severity": "medium", "action": "flag", "patterns": ["{{phrase}}"] } ]
        }
        """;

    private static IConfigurationRoot Configuration(string? rulesFile, bool watch) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Safeguarding:RulesFile"] = rulesFile,
                ["Safeguarding:WatchRulesFile"] = watch ? "true" : "false",
            })
            .Build();

    private ServiceProvider Services(string? rulesFile, bool watch = true) => Services(Configuration(rulesFile, watch));

    private ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSafeguardingDetection();
        return services.BuildServiceProvider();
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
