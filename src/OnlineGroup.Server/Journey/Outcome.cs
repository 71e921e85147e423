using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Journey;

/// <summary>What a service decided: a value, or a problem (RFC 7807) whose detail a person can act on.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, IResult? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }

    /// <summary>Set when the request was refused; the endpoint returns it as it is.</summary>
    public IResult? Problem { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal.Problem);

    /// <summary>200 with the value, or the problem.</summary>
    public IResult ToResult() => Problem ?? TypedResults.Ok(Value);
}

/// <summary>A refusal on its way to becoming an <see cref="Outcome{T}"/> of any type.</summary>
public readonly record struct Refusal(IResult Problem);

public static class Outcome
{
    public static Refusal Invalid(string field, string detail) => new(Problems.Invalid(field, detail));

    public static Refusal Forbidden(string detail) => new(Problems.Forbidden(detail));

    public static Refusal NotFound(string detail) => new(Problems.NotFound(detail));

    public static Refusal Conflict(string detail) => new(Problems.Conflict(detail));
}
