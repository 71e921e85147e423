using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>
/// The shipped rules against hand-written messages as young people write them. The figures are printed
/// (run with <c>--logger "console;verbosity=detailed"</c>) so they can be reported; misses are listed by rule id.
/// </summary>
public sealed class LabelledMessagesFacts(ITestOutputHelper output)
{
    [Fact]
    public void The_shipped_rules_meet_the_recall_held_and_false_alarm_targets()
    {
        var report = new QualityReport(ShippedRules.Rules, LabelledMessage.Load("labelled-messages.json"));
        output.WriteLine(report.ToString());

        using var scope = new AssertionScope();
        report.Count.Should().BeGreaterThanOrEqualTo(300);
        report.RiskRecall.Should().BeGreaterThanOrEqualTo(0.95, "risk messages must raise at least a flag");
        report.MethodHeld.Should().BeGreaterThanOrEqualTo(0.9, "method and means detail must be held from peers");
        report.ContactHeld.Should().BeGreaterThanOrEqualTo(0.9, "contact details must be held from peers");
        report.FalseAlarms.Should().BeLessThanOrEqualTo(0.05, "ordinary talk, lookalikes included, must be allowed");
        report.DisguisedRecall.Should().BeGreaterThanOrEqualTo(0.9, "disguised risk must still raise");
    }

    [Fact]
    public void The_rules_meet_the_same_targets_on_the_messages_written_after_them()
    {
        // Three batches written after successive versions of the rules, each measured before the rules were
        // tuned on it (first figures in docs/safeguarding-detection.md); kept here so they cannot regress.
        var report = new QualityReport(ShippedRules.Rules, LabelledMessage.Load("labelled-messages-fresh.json"));
        output.WriteLine(report.ToString());

        using var scope = new AssertionScope();
        report.RiskRecall.Should().BeGreaterThanOrEqualTo(0.95);
        report.MethodHeld.Should().BeGreaterThanOrEqualTo(0.9);
        report.ContactHeld.Should().BeGreaterThanOrEqualTo(0.9);
        report.FalseAlarms.Should().BeLessThanOrEqualTo(0.05);
        report.DisguisedRecall.Should().BeGreaterThanOrEqualTo(0.9);
    }
}
