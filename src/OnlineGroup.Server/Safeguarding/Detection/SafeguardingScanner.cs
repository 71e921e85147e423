using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>Says whether a reload of the rules file succeeded.</summary>
public sealed class RulesReloadedEventArgs(bool succeeded, string path, SafeguardingRuleSet rules, Exception? error) : EventArgs
{
    public bool Succeeded { get; } = succeeded;

    public string Path { get; } = path;

    /// <summary>The rules in use after the attempt (the previous ones when it failed).</summary>
    public SafeguardingRuleSet Rules { get; } = rules;

    public Exception? Error { get; } = error;
}

/// <summary>
/// The <see cref="ISafeguardingScanner"/> the server uses: the rules from <c>Safeguarding:RulesFile</c>,
/// reloaded when that file changes (or the setting does). A file that fails to load on reload is logged
/// as an error and the previous rules stay in use; at startup it stops the server instead, since
/// running without safeguarding rules is not an option.
/// </summary>
public sealed class SafeguardingScanner : ISafeguardingScanner, IDisposable
{
    private readonly ILogger<SafeguardingScanner> _logger;
    private readonly string? _contentRoot;
    private readonly Lock _gate = new();
    private readonly IDisposable? _optionsSubscription;
    private volatile SafeguardingRuleSet _rules;
    private DetectionOptions _options;
    private string _path;
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;
    private bool _disposed;

    /// <exception cref="InvalidDataException">The rules file is not valid.</exception>
    /// <exception cref="IOException">The rules file cannot be read.</exception>
    public SafeguardingScanner(
        IOptionsMonitor<DetectionOptions> options,
        ILogger<SafeguardingScanner> logger,
        IHostEnvironment? environment = null)
    {
        _logger = logger;
        _contentRoot = environment?.ContentRootPath;
        _options = options.CurrentValue;
        _path = _options.ResolveRulesFile(_contentRoot);
        _rules = LoadOrExplain(_path);
        DetectionLog.RulesLoaded(logger, _path, _rules.Version, _rules.RuleCount, _rules.PatternCount, _rules.AutomatonStates);
        Watch();
        _optionsSubscription = options.OnChange(OnOptionsChanged);
    }

    /// <summary>Raised after every reload attempt, on the thread that noticed the change.</summary>
    public event EventHandler<RulesReloadedEventArgs>? RulesReloaded;

    /// <summary>The rules in use now.</summary>
    public SafeguardingRuleSet Rules => _rules;

    /// <summary>The rules file in use now.</summary>
    public string RulesFile => _path;

    public ScanResult Scan(string text)
    {
        var rules = _rules;
        var result = rules.Scan(text);
        if (result.RaisesConcern && _logger.IsEnabled(LogLevel.Information))
        {
            var ruleIds = string.Join(',', rules.Explain(text).MatchedRules);
            DetectionLog.ConcernDetected(_logger, result.Action, result.Severity, text.Length, ruleIds);
        }

        return result;
    }

    /// <inheritdoc cref="SafeguardingRuleSet.Explain"/>
    public ScanExplanation Explain(string text) => _rules.Explain(text);

    /// <summary>Loads the rules file again now. Returns false (and keeps the current rules) when it fails.</summary>
    public bool Reload()
    {
        SafeguardingRuleSet next;
        string path;
        lock (_gate)
        {
            path = _path;
            try
            {
                next = SafeguardingRuleSet.Load(path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                DetectionLog.ReloadFailed(_logger, e, path, _rules.Version);
                RulesReloaded?.Invoke(this, new RulesReloadedEventArgs(false, path, _rules, e));
                return false;
            }

            _rules = next;
        }

        DetectionLog.RulesLoaded(_logger, path, next.Version, next.RuleCount, next.PatternCount, next.AutomatonStates);
        RulesReloaded?.Invoke(this, new RulesReloadedEventArgs(true, path, next, null));
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _optionsSubscription?.Dispose();
            _watch?.Dispose();
            _files?.Dispose();
        }
    }

    private static SafeguardingRuleSet LoadOrExplain(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The safeguarding rules file '{path}' does not exist. Set Safeguarding:RulesFile to a rules file, " +
                "or leave it empty to use the rules shipped with the server.", path);
        }

        try
        {
            return SafeguardingRuleSet.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The safeguarding rules file '{path}' cannot be used. {e.Message}", e);
        }
    }

    private void Watch()
    {
        _watch?.Dispose();
        _files?.Dispose();
        _watch = null;
        _files = null;
        if (!_options.WatchRulesFile)
        {
            return;
        }

        try
        {
            string directory = Path.GetDirectoryName(_path)!;
            string name = Path.GetFileName(_path);
            // ExclusionFilters.None: the default ignores dot-files, and an operator may well keep rules in one.
            var files = new PhysicalFileProvider(directory, ExclusionFilters.None);
            _files = files;
            _watch = ChangeToken.OnChange(() => files.Watch(name), OnFileChanged);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            DetectionLog.WatchFailed(_logger, e, _path);
        }
    }

    private void OnFileChanged()
    {
        if (!_disposed)
        {
            Reload();
        }
    }

    private void OnOptionsChanged(DetectionOptions options)
    {
        lock (_gate)
        {
            string path = options.ResolveRulesFile(_contentRoot);
            if (_disposed || (path == _path && options.WatchRulesFile == _options.WatchRulesFile))
            {
                return;
            }

            _options = options;
            _path = path;
            DetectionLog.RulesFileChanged(_logger, path);
            Watch();
        }

        Reload();
    }
}
