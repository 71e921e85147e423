using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Tests.Moderation;

/// <summary>The per-person token bucket behind every hub method.</summary>
public sealed class HubRateLimits
{
    [Fact]
    public void TheBurstPassesAndTheNextCallIsRefused()
    {
        var limiter = Limiter(burst: 5, perSecond: 1);

        Enumerable.Range(0, 5).Select(i => limiter.TryAcquire("sam", out _)).ToList().Should().AllBeEquivalentTo(true);
        limiter.TryAcquire("sam", out _).Should().BeFalse();
    }

    [Fact]
    public void OnePersonsFloodLeavesEveryoneElseTheirFullAllowance()
    {
        var limiter = Limiter(burst: 3, perSecond: 1);
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire("sam", out _);
        }

        Enumerable.Range(0, 3).Select(i => limiter.TryAcquire("alex", out _)).ToList().Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public void OnlyTheFirstRefusalOfAFloodIsWorthAWarning()
    {
        var limiter = Limiter(burst: 1, perSecond: 1);
        limiter.TryAcquire("sam", out _);

        limiter.TryAcquire("sam", out var first).Should().BeFalse();
        limiter.TryAcquire("sam", out var second).Should().BeFalse();

        first.Should().BeTrue();
        second.Should().BeFalse();
    }

    [Fact]
    public void TheAllowanceComesBackAtTheConfiguredRateAndNeverAboveTheBurst()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(burst: 3, perSecond: 2, clock);
        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire("sam", out _);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Enumerable.Range(0, 3).Select(i => limiter.TryAcquire("sam", out _)).Should().Equal(true, true, false);

        clock.Advance(TimeSpan.FromHours(1));
        Enumerable.Range(0, 4).Select(i => limiter.TryAcquire("sam", out _)).Should().Equal(true, true, true, false);
    }

    [Fact]
    public void QuietPeopleAreForgottenAndComeBackWithAFullAllowance()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(burst: 2, perSecond: 1, clock);
        limiter.TryAcquire("sam", out _);
        limiter.TryAcquire("sam", out _);
        limiter.TryAcquire("alex", out _);

        clock.Advance(TimeSpan.FromMinutes(2));
        limiter.TryAcquire("robin", out _);

        limiter.Tracked.Should().Be(1, "only robin has been active within the last minute");
        Enumerable.Range(0, 3).Select(i => limiter.TryAcquire("sam", out _)).Should().Equal(true, true, false);
    }

    [Fact]
    public void ANonsenseSettingIsRefusedWithAMessageThatNamesTheKey()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new ChatRateLimitOptions { Burst = 0, PerSecond = 1_000_000 };

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true).Should().BeFalse();

        results.Should().ContainSingle().Which.ErrorMessage.Should().Contain("Chat:RateLimit:Burst");
    }

    [Fact]
    public void TheDefaultsAreABurstOfTwentyRefilledAtOneASecond()
    {
        var defaults = new ChatRateLimitOptions();

        (defaults.Burst, defaults.PerSecond).Should().Be((20, 1));
    }

    private static HubRateLimiter Limiter(int burst, int perSecond, TimeProvider? clock = null) =>
        new(Options.Create(new ChatRateLimitOptions { Burst = burst, PerSecond = perSecond }), clock ?? new FakeTimeProvider());
}
