namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// The signals that, together, predict imminent risk better than any single word (Crisis Text Line's
/// finding: means and timing words outrank "suicide"). A rule may carry one; the scan counts how many
/// different signals a message has and raises its severity with the count.
/// </summary>
[Flags]
public enum RiskSignal
{
    None = 0,

    /// <summary>Wanting to die or to hurt oneself ("i want to die", "wanna cut").</summary>
    Desire = 1,

    /// <summary>Intent or preparation ("i'm going to", "i have a plan", "wrote a note").</summary>
    Plan = 2,

    /// <summary>Access to a means or a method ("pills", "a blade", "the bridge").</summary>
    Means = 4,

    /// <summary>When ("tonight", "after school", "when everyone's asleep").</summary>
    Timeframe = 8,
}
