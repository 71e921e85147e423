using BenchmarkDotNet.Attributes;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Benchmarks;

/// <summary>
/// <see cref="SessionCalendar.At"/> sits behind every group status call and every hub join: how long
/// does it take, and what does it allocate, for a group with 5 weekly sessions, 10 closures and 10
/// one-offs? Building the calendar is measured too, for callers that do not cache it.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private static readonly WeeklySlot[] Weekly =
    [
        new(DayOfWeek.Monday, new(18, 0), new(20, 0)),
        new(DayOfWeek.Tuesday, new(18, 0), new(20, 0)),
        new(DayOfWeek.Wednesday, new(18, 0), new(20, 0)),
        new(DayOfWeek.Friday, new(22, 0), new(1, 0)),
        new(DayOfWeek.Saturday, new(11, 0), new(13, 0)),
    ];

    private static readonly ClosureSlot[] Closures =
    [
        Closure("new-year", "2027-01-01T00:00Z", "2027-01-04T00:00Z", "New Year"),
        Closure("training", "2027-01-27T00:00Z", "2027-01-28T00:00Z", "Staff training"),
        Closure("half-term-feb", "2027-02-13T00:00Z", "2027-02-21T00:00Z", "Half term"),
        Closure("easter", "2027-03-27T00:00Z", "2027-04-11T00:00+01:00", "Easter holidays"),
        Closure("bank-holiday", "2027-05-03T00:00+01:00", "2027-05-04T00:00+01:00", "Bank holiday"),
        Closure("half-term-may", "2027-05-29T00:00+01:00", "2027-06-06T00:00+01:00", "Half term"),
        Closure("summer", "2027-07-20T00:00+01:00", "2027-09-01T00:00+01:00", "Summer holidays"),
        Closure("half-term-oct", "2027-10-23T00:00+01:00", "2027-11-01T00:00Z", "Half term"),
        Closure("ill", "2027-11-17T00:00Z", "2027-11-18T00:00Z", "Facilitator ill"),
        Closure("christmas", "2027-12-18T00:00Z", "2028-01-04T00:00Z", "Christmas holidays"),
    ];

    private static readonly OneOffSlot[] OneOffs =
    [
        .. Enumerable.Range(0, 10).Select(i =>
        {
            var start = DateTimeOffset.Parse("2027-01-07T18:00Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(35 * i);
            return new OneOffSlot($"one-off-{i}", start, start.AddHours(1.5), start.AddDays(-14));
        }),
    ];

    private static readonly DateTimeOffset DuringASession = T("2027-03-02T18:30Z"); // a Tuesday
    private static readonly DateTimeOffset BetweenSessions = T("2027-03-04T12:00Z"); // a Thursday: next is Friday night
    private static readonly DateTimeOffset InTheSummerClosure = T("2027-07-21T12:00Z"); // next is six weeks away

    private SessionCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup() => _calendar = Build_calendar();

    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet measures instance methods.")]
    public SessionCalendar Build_calendar() => new("Europe/London", Weekly, OneOffs, Closures);

    [Benchmark(Baseline = true)]
    public CalendarState At_during_a_session() => _calendar.At(DuringASession);

    [Benchmark]
    public CalendarState At_between_sessions() => _calendar.At(BetweenSessions);

    [Benchmark]
    public CalendarState At_in_a_six_week_closure() => _calendar.At(InTheSummerClosure);

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static ClosureSlot Closure(string id, string from, string to, string reason) =>
        new(id, T(from), T(to), reason, T("2026-09-01T09:00Z"));
}
