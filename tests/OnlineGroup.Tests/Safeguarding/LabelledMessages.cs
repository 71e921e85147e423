using System.Globalization;
using System.Text;
using System.Text.Json;
using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>One hand-written message and what should happen to it.</summary>
/// <param name="Label">
/// <c>risk</c>: raises at least a flag; <c>method</c> and <c>contact</c>: held; <c>ordinary</c>: allowed;
/// <c>disguised</c>: a disguised risk, method or contact message that must still raise.
/// </param>
internal sealed record LabelledMessage(string Text, string Label)
{
    public static IReadOnlyList<LabelledMessage> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Safeguarding", fileName);
        return JsonSerializer.Deserialize<List<LabelledMessage>>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Whether the scan did what the label asks.</summary>
    public bool IsMetBy(ScanResult result) => Label switch
    {
        "risk" or "disguised" => result.Action != ScanAction.Allow,
        "method" or "contact" => result.Action == ScanAction.Hold,
        "ordinary" => result.Action == ScanAction.Allow,
        _ => throw new InvalidDataException($"Unknown label '{Label}' on \"{Text}\"."),
    };
}

/// <summary>The quality figures over a labelled set, with every miss explained by rule id.</summary>
internal sealed class QualityReport
{
    private readonly List<(LabelledMessage Message, ScanExplanation Explanation)> _misses = [];
    private readonly Dictionary<string, (int Met, int Total)> _byLabel = [];

    public QualityReport(SafeguardingRuleSet rules, IEnumerable<LabelledMessage> messages)
    {
        foreach (var message in messages)
        {
            var explanation = rules.Explain(message.Text);
            bool met = message.IsMetBy(explanation.Result);
            var (m, t) = _byLabel.GetValueOrDefault(message.Label);
            _byLabel[message.Label] = (m + (met ? 1 : 0), t + 1);
            if (!met)
            {
                _misses.Add((message, explanation));
            }
        }
    }

    public double RiskRecall => Rate("risk");

    public double MethodHeld => Rate("method");

    public double ContactHeld => Rate("contact");

    /// <summary>Share of ordinary messages that raised anything.</summary>
    public double FalseAlarms => 1 - Rate("ordinary");

    public double DisguisedRecall => Rate("disguised");

    public int Count => _byLabel.Values.Sum(v => v.Total);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Count} labelled messages");
        text.AppendLine(Line("risk recall (flag or more)", "risk", RiskRecall));
        text.AppendLine(Line("method held", "method", MethodHeld));
        text.AppendLine(Line("contact held", "contact", ContactHeld));
        var (allowed, ordinary) = _byLabel.GetValueOrDefault("ordinary");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"false alarms on ordinary",-28} {FalseAlarms,6:P1}  ({ordinary - allowed} of {ordinary} raised a concern)"));
        text.AppendLine(Line("disguised recall", "disguised", DisguisedRecall));
        foreach (var (message, explanation) in _misses.OrderBy(m => m.Message.Label, StringComparer.Ordinal))
        {
            var r = explanation.Result;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  MISS [{message.Label}] {r.Action}/{r.Severity} \"{message.Text}\" → \"{explanation.Normalized.Words}\" " +
                $"matched [{string.Join(", ", explanation.MatchedRules)}] cancelled [{string.Join(", ", explanation.CancelledRules)}]");
        }

        return text.ToString();
    }

    private string Line(string name, string label, double value)
    {
        var (met, total) = _byLabel.GetValueOrDefault(label);
        return string.Create(CultureInfo.InvariantCulture, $"{name,-28} {value,6:P1}  ({met} of {total} as labelled)");
    }

    private double Rate(string label) =>
        _byLabel.TryGetValue(label, out var v) && v.Total > 0 ? (double)v.Met / v.Total : 1;
}
