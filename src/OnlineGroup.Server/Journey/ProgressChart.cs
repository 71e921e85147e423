using System.Globalization;
using System.Security;
using System.Text;

namespace OnlineGroup.Server.Journey;

/// <summary>
/// Draws a member's progress as an SVG: one panel per goal, scores 1–5 against check-ins in order.
/// Accessible: <c>role="img"</c> with a title and a description that says every score in words, each
/// panel has its goal as a heading, and every point carries its score as a number, so nothing depends on
/// colour. All text is escaped (goals are young people's own words).
/// </summary>
public static class ProgressChart
{
    private const int Width = 640;
    private const int PanelHeight = 190;
    private const int Left = 84;
    private const int Right = 24;
    private const int PlotTop = 48;
    private const int PlotHeight = 100;
    private const int HeadingChars = 72;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(ProgressDto progress)
    {
        var panels = Math.Max(1, progress.Goals.Count);
        var height = 40 + panels * PanelHeight;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"""<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {Width} {height}" width="{Width}" height="{height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="14">""");
        svg.Append("<title id=\"chart-title\">").Append(Escape(Title(progress))).Append("</title>");
        svg.Append("<desc id=\"chart-desc\">").Append(Escape(Describe(progress))).Append("</desc>");
        svg.Append(Invariant, $"""<rect x="0" y="0" width="{Width}" height="{height}" fill="#ffffff"/>""");
        svg.Append(Invariant, $"""<text x="16" y="26" font-size="18" font-weight="600" fill="#111827">{Escape(Title(progress))}</text>""");
        if (progress.Goals.Count == 0)
        {
            svg.Append(Invariant, $"""<text x="16" y="80" fill="#111827">No goals yet. Set a goal under one of your group's aims, then check in after a session.</text>""");
        }

        for (var i = 0; i < progress.Goals.Count; i++)
        {
            Panel(svg, progress.Goals[i], i + 1, 40 + i * PanelHeight);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Title(ProgressDto progress) => $"Progress for {progress.DisplayName} in {progress.GroupName}";

    /// <summary>Everything the chart shows, in words: what a screen reader reads.</summary>
    public static string Describe(ProgressDto progress)
    {
        if (progress.Goals.Count == 0)
        {
            return $"{progress.DisplayName} has not set any goals yet.";
        }

        var text = new StringBuilder();
        text.Append(Invariant, $"Scores go from 1 (not well) to 5 (really well). {progress.Goals.Count} goal{(progress.Goals.Count == 1 ? "" : "s")}.");
        for (var i = 0; i < progress.Goals.Count; i++)
        {
            var goal = progress.Goals[i];
            text.Append(Invariant, $" Goal {i + 1}: \"{goal.Text}\" (aim: {goal.Aim}). ");
            if (goal.CheckIns.Count == 0)
            {
                text.Append("No check-ins yet.");
                continue;
            }

            var first = goal.CheckIns[0];
            var last = goal.CheckIns[^1];
            text.Append(Invariant, $"{goal.CheckIns.Count} check-in{(goal.CheckIns.Count == 1 ? "" : "s")}");
            text.Append(goal.CheckIns.Count == 1
                ? string.Create(Invariant, $": {first.Score} on {Day(first.At)}.")
                : string.Create(Invariant, $" from {Day(first.At)} to {Day(last.At)}, going from {first.Score} to {last.Score} ({Trend(first.Score, last.Score)}). Scores in order: {string.Join(", ", goal.CheckIns.Select(c => c.Score))}."));
        }

        return text.ToString();
    }

    private static void Panel(StringBuilder svg, GoalProgress goal, int number, int top)
    {
        var heading = $"Goal {number}: {Shorten(goal.Text)}";
        svg.Append(Invariant, $"""<g role="group" aria-label="{Escape($"Goal {number}: {goal.Text}")}">""");
        svg.Append(Invariant, $"""<text x="16" y="{top + 22}" font-weight="600" fill="#111827">{Escape(heading)}</text>""");
        svg.Append(Invariant, $"""<text x="16" y="{top + 40}" font-size="12" fill="#374151">{Escape("Aim: " + goal.Aim)}</text>""");
        var plotTop = top + PlotTop;
        for (var score = 1; score <= 5; score++)
        {
            var y = Y(plotTop, score);
            svg.Append(Invariant, $"""<line x1="{Left}" y1="{y}" x2="{Width - Right}" y2="{y}" stroke="#d1d5db" stroke-width="1"/>""");
            var label = score switch { 1 => "1 not well", 5 => "5 really well", _ => score.ToString(Invariant) };
            svg.Append(Invariant, $"""<text x="{Left - 8}" y="{y + 4}" font-size="11" text-anchor="end" fill="#374151">{label}</text>""");
        }

        if (goal.CheckIns.Count == 0)
        {
            svg.Append(Invariant, $"""<text x="{Left + 12}" y="{Y(plotTop, 3) - 6}" fill="#111827">No check-ins yet for this goal.</text>""");
            svg.Append("</g>");
            return;
        }

        var points = goal.CheckIns.Select((c, i) => (X: X(i, goal.CheckIns.Count), Y: Y(plotTop, c.Score), c.Score, c.At)).ToList();
        if (points.Count > 1)
        {
            svg.Append("<polyline fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2.5\" points=\"")
               .AppendJoin(' ', points.Select(p => string.Create(Invariant, $"{p.X},{p.Y}")))
               .Append("\"/>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 6.0));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            svg.Append(Invariant, $"""<circle cx="{p.X}" cy="{p.Y}" r="5" fill="#1d4ed8" stroke="#111827" stroke-width="1"><title>{Escape($"{p.Score} on {Day(p.At)}")}</title></circle>""");
            svg.Append(Invariant, $"""<text x="{p.X}" y="{p.Y - 10}" font-size="12" font-weight="600" text-anchor="middle" fill="#111827">{p.Score}</text>""");
            if (i % every == 0 || i == points.Count - 1)
            {
                svg.Append(Invariant, $"""<text x="{p.X}" y="{plotTop + PlotHeight + 18}" font-size="11" text-anchor="middle" fill="#374151">{Escape(ShortDay(p.At))}</text>""");
            }
        }

        svg.Append("</g>");
    }

    private static int Y(int plotTop, int score) => plotTop + PlotHeight - (score - 1) * PlotHeight / 4;

    private static int X(int index, int count)
    {
        var span = Width - Left - Right - 40;
        return count == 1 ? Left + 20 + span / 2 : Left + 20 + index * span / (count - 1);
    }

    private static string Trend(int first, int last) => last > first ? "up" : last < first ? "down" : "the same";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", Invariant);

    private static string ShortDay(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM", Invariant);

    private static string Shorten(string text) => text.Length <= HeadingChars ? text : text[..(HeadingChars - 1)].TrimEnd() + "…";

    /// <summary>XML-escaped, without the control characters XML cannot hold.</summary>
    private static string Escape(string text) =>
        SecurityElement.Escape(string.Concat(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r'))) ?? "";
}
