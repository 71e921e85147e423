using Microsoft.Extensions.Options;
using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Tests.Moderation;

/// <summary>The per-person token bucket behind every hub method (refill is real time, so these tests only spend the burst).</summary>
public sealed class HubRateLimits
{
    [Fact]
    public void TheBurstPassesAndTheNextCallIsRefused()
    {
        using var limiter = new HubRateLimiter(Options.Create(new ChatRateLimitOptions { Burst = 5, PerSecond = 1 }));

        Enumerable.Range(0, 5).Select(i => limiter.TryAcquire("sam", out _)).ToList().Should().AllBeEquivalentTo(true);
        limiter.TryAcquire("sam", out _).Should().BeFalse();
    }

    [Fact]
    public void OnePersonsFloodLeavesEveryoneElseTheirFullAllowance()
    {
        using var limiter = new HubRateLimiter(Options.Create(new ChatRateLimitOptions { Burst = 3, PerSecond = 1 }));
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire("sam", out _);
        }

        Enumerable.Range(0, 3).Select(i => limiter.TryAcquire("alex", out _)).ToList().Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public void OnlyTheFirstRefusalOfAFloodIsWorthAWarning()
    {
        using var limiter = new HubRateLimiter(Options.Create(new ChatRateLimitOptions { Burst = 1, PerSecond = 1 }));
        limiter.TryAcquire("sam", out _);

        limiter.TryAcquire("sam", out var first).Should().BeFalse();
        limiter.TryAcquire("sam", out var second).Should().BeFalse();

        first.Should().BeTrue();
        second.Should().BeFalse();
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
}
