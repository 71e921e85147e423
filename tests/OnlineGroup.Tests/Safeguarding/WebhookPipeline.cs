using System.Net;
using Microsoft.Extensions.Http.Resilience;
using OnlineGroup.Server.Safeguarding;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>The shape of the webhook's Polly pipeline (App-vNext/Polly docs/advanced/testing.md): our settings, not Polly's internals.</summary>
public sealed class WebhookPipeline
{
    private static readonly WebhookOptions Defaults = new();

    private static ResiliencePipelineDescriptor Describe(WebhookOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        WebhookResilience.Configure(builder, options);
        return builder.Build().GetPipelineDescriptor();
    }

    [Fact]
    public void IsATotalTimeoutAroundRetryAroundACircuitBreakerAroundAPerAttemptTimeout()
    {
        var strategies = Describe(Defaults).Strategies;

        strategies.Select(s => s.Options?.GetType()).Should().Equal(
            typeof(HttpTimeoutStrategyOptions), typeof(HttpRetryStrategyOptions), typeof(HttpCircuitBreakerStrategyOptions), typeof(HttpTimeoutStrategyOptions));
        ((TimeoutStrategyOptions)strategies[0].Options!).Timeout.Should().Be(WebhookResilience.TotalTimeout(Defaults));
        ((TimeoutStrategyOptions)strategies[3].Options!).Timeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void RetriesThreeTimesWithExponentialBackoffAndJitter()
    {
        var retry = (RetryStrategyOptions<HttpResponseMessage>)Describe(Defaults).Strategies[1].Options!;

        retry.MaxRetryAttempts.Should().Be(3);
        retry.BackoffType.Should().Be(DelayBackoffType.Exponential);
        retry.UseJitter.Should().BeTrue();
        retry.Delay.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void TheCircuitBreakerIsSizedForAHandfulOfNotifications()
    {
        var breaker = (CircuitBreakerStrategyOptions<HttpResponseMessage>)Describe(Defaults).Strategies[2].Options!;

        breaker.MinimumThroughput.Should().Be(3, "the default of 100 would never trip at a few notifications an hour");
        breaker.SamplingDuration.Should().Be(TimeSpan.FromSeconds(30));
        breaker.FailureRatio.Should().Be(0.5);
        breaker.BreakDuration.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void SettingsFromConfigurationReachThePipeline()
    {
        var strategies = Describe(new WebhookOptions { Retries = 5, RetryDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(3), BreakDuration = TimeSpan.FromSeconds(1) }).Strategies;

        ((RetryStrategyOptions<HttpResponseMessage>)strategies[1].Options!).MaxRetryAttempts.Should().Be(5);
        ((RetryStrategyOptions<HttpResponseMessage>)strategies[1].Options!).Delay.Should().Be(TimeSpan.FromMilliseconds(20));
        ((CircuitBreakerStrategyOptions<HttpResponseMessage>)strategies[2].Options!).BreakDuration.Should().Be(TimeSpan.FromSeconds(1));
        ((TimeoutStrategyOptions)strategies[3].Options!).Timeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public async Task RetriesTransientAnswersOnly(HttpStatusCode status, bool retried)
    {
        var retry = (RetryStrategyOptions<HttpResponseMessage>)Describe(Defaults).Strategies[1].Options!;
        using var response = new HttpResponseMessage(status);

        (await retry.ShouldHandle(Arguments(Outcome.FromResult(response)))).Should().Be(retried);
    }

    [Fact]
    public async Task RetriesNetworkErrorsAndTimeoutsButNotAnOpenCircuit()
    {
        var retry = (RetryStrategyOptions<HttpResponseMessage>)Describe(Defaults).Strategies[1].Options!;

        (await retry.ShouldHandle(Arguments(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused"))))).Should().BeTrue();
        (await retry.ShouldHandle(Arguments(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())))).Should().BeTrue();
        (await retry.ShouldHandle(Arguments(Outcome.FromException<HttpResponseMessage>(new BrokenCircuitException()))))
            .Should().BeFalse("an open circuit ends this pass; the outbox tries again later");
    }

    [Fact]
    public void TheTotalTimeoutLeavesRoomForEveryAttemptAndWait()
    {
        var total = WebhookResilience.TotalTimeout(Defaults);

        total.Should().BeGreaterThan((Defaults.AttemptTimeout * 4) + TimeSpan.FromSeconds(2 + 4 + 8));
        total.Should().BeLessThan(TimeSpan.FromMinutes(2), "a dead receiver must not hold the outbox for long");
    }

    private static RetryPredicateArguments<HttpResponseMessage> Arguments(Outcome<HttpResponseMessage> outcome) =>
        new(ResilienceContextPool.Shared.Get(), outcome, attemptNumber: 0);
}
