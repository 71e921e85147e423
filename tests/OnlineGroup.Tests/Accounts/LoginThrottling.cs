using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Accounts;

namespace OnlineGroup.Tests.Accounts;

public sealed class LoginThrottling
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LoginThrottle _throttle;

    public LoginThrottling() => _throttle = new LoginThrottle(Options.Create(new AuthOptions()), _time);

    [Fact]
    public void FourFailuresDoNotLockButTheFifthDoes()
    {
        for (var i = 0; i < 4; i++)
        {
            _throttle.Failed("sam");
        }

        _throttle.LockedFor("sam").Should().BeNull();
        _throttle.Failed("sam");
        _throttle.LockedFor("sam").Should().Be(TimeSpan.FromMinutes(5));
        _throttle.LockedFor("alex").Should().BeNull("one name's lockout does not touch another");
    }

    [Fact]
    public void EachFurtherLockoutLastsTwiceAsLong()
    {
        for (var i = 0; i < 5; i++)
        {
            _throttle.Failed("sam");
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        _throttle.LockedFor("sam").Should().BeNull();
        for (var i = 0; i < 5; i++)
        {
            _throttle.Failed("sam");
        }

        _throttle.LockedFor("sam").Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void ASuccessfulSignInClearsTheCount()
    {
        for (var i = 0; i < 4; i++)
        {
            _throttle.Failed("sam");
        }

        _throttle.Succeeded("sam");
        _throttle.Failed("sam");
        _throttle.LockedFor("sam").Should().BeNull();
    }
}
