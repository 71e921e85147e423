using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

public sealed class PatternAutomatonFacts
{
    [Fact]
    public void Reports_every_occurrence_of_every_pattern_including_overlapping_ones()
    {
        var automaton = PatternAutomaton.Build(["he", "she", "his", "hers"]);
        byte[] views = [1, 1, 1, 1];

        var found = Scan(automaton, "ushers", views, view: 1);

        found.Should().BeEquivalentTo([(1, 3), (0, 3), (3, 5)]);
    }

    [Fact]
    public void Reports_only_patterns_meant_for_the_view_being_scanned()
    {
        var automaton = PatternAutomaton.Build(["kil", "kil"]);
        byte[] views = [1, 2];

        Scan(automaton, " kil ", views, view: 2).Should().Equal((1, 3));
    }

    [Fact]
    public void Matches_nothing_across_letters_outside_its_alphabet()
    {
        var automaton = PatternAutomaton.Build(["kil"]);

        Scan(automaton, "k\u0001il", [1], view: 1).Should().BeEmpty();
        PatternAutomaton.CanMatch("kill").Should().BeTrue();
        PatternAutomaton.CanMatch("убить").Should().BeFalse();
    }

    private static List<(int Pattern, int End)> Scan(PatternAutomaton automaton, string text, byte[] views, byte view)
    {
        // Two slots, so that three hits also exercise the move to a pooled array.
        var hits = new HitLanes(new Hit[2], new Hit[2], new Hit[2]);
        automaton.Scan(text, view, views, ref hits);
        var found = new List<(int, int)>();
        foreach (var hit in hits.Positives.Items)
        {
            found.Add((hit.Pattern, hit.End));
        }

        hits.Dispose();
        return found;
    }
}
