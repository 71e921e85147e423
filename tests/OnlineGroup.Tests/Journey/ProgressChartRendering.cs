using System.Xml.Linq;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.Tests.Journey;

public sealed class ProgressChartRendering
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 19, 0, 0, TimeSpan.Zero);

    private static ProgressDto Progress(params GoalProgress[] goals) => new("g1", "Thursday Evening Group", "m1", "Sam", goals);

    private static GoalProgress Goal(string text, params int[] scores) =>
        new("goal-" + text.Length, "aim1", "Better help seeking", text, Monday,
            [.. scores.Select((s, i) => new ProgressPoint("c" + i, Monday.AddDays(7 * i), s, null))]);

    private static XElement Render(ProgressDto progress) => XDocument.Parse(ProgressChart.Render(progress)).Root!;

    [Fact]
    public void TheChartIsAnImageWithATitleAndADescriptionThatSaysEveryScore()
    {
        var svg = Render(Progress(Goal("Talk to someone before it gets bad", 2, 3, 4)));

        svg.Attribute("role")!.Value.Should().Be("img");
        svg.Attribute("aria-labelledby")!.Value.Should().Be("chart-title chart-desc");
        svg.Element(Svg + "title")!.Value.Should().Be("Progress for Sam in Thursday Evening Group");
        svg.Element(Svg + "desc")!.Value.Should().Be(
            "Scores go from 1 (not well) to 5 (really well). 1 goal. Goal 1: \"Talk to someone before it gets bad\" (aim: Better help seeking). " +
            "3 check-ins from 2 March 2026 to 16 March 2026, going from 2 to 4 (up). Scores in order: 2, 3, 4.");
    }

    [Fact]
    public void EveryPointCarriesItsScoreAsTextSoNothingDependsOnColour()
    {
        var svg = Render(Progress(Goal("Notice my triggers", 5, 1)));

        svg.Descendants(Svg + "circle").Should().HaveCount(2);
        svg.Descendants(Svg + "circle").Select(c => c.Element(Svg + "title")!.Value).Should().Equal("5 on 2 March 2026", "1 on 9 March 2026");
        svg.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["5", "1", "1 not well", "5 really well"]);
    }

    [Fact]
    public void EachGoalHasAPanelHeadedByItsOwnWords()
    {
        var svg = Render(Progress(Goal("First goal", 3), Goal("Second, longer goal", 4)));

        svg.Descendants(Svg + "g").Select(g => g.Attribute("aria-label")!.Value).Should().Equal("Goal 1: First goal", "Goal 2: Second, longer goal");
    }

    [Fact]
    public void AYoungPersonsWordsAreEscapedAndControlCharactersDropped()
    {
        var markup = ProgressChart.Render(Progress(Goal("<script>alert(1)</script> & \"quotes\"\u0001", 3)));

        markup.Should().NotContain("<script>").And.NotContain("\u0001");
        Render(Progress(Goal("<script>alert(1)</script> & \"quotes\"\u0001", 3))).Element(Svg + "desc")!.Value
            .Should().Contain("<script>alert(1)</script> & \"quotes\"");
    }

    [Fact]
    public void WithoutGoalsOrCheckInsTheChartSaysSoInWords()
    {
        Render(Progress()).Element(Svg + "desc")!.Value.Should().Be("Sam has not set any goals yet.");
        var svg = Render(Progress(Goal("Just set", [])));
        svg.Element(Svg + "desc")!.Value.Should().EndWith("No check-ins yet.");
        svg.Descendants(Svg + "text").Select(t => t.Value).Should().Contain("No check-ins yet for this goal.");
    }
}
