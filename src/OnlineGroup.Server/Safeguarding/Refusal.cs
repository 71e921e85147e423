using Microsoft.AspNetCore.SignalR;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Safeguarding;

public enum RefusalKind
{
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>Why a concern action was refused, in words a person can act on; answered as a problem (REST) or a HubException.</summary>
public sealed record Refusal(RefusalKind Kind, string Detail, string Field = "")
{
    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, detail);

    public static Refusal Invalid(string field, string detail) => new(RefusalKind.Invalid, detail, field);

    public static Refusal Conflict(string detail) => new(RefusalKind.Conflict, detail);

    public IResult ToProblem() => Kind switch
    {
        RefusalKind.NotFound => Problems.NotFound(Detail),
        RefusalKind.Forbidden => Problems.Forbidden(Detail),
        RefusalKind.Conflict => Problems.Conflict(Detail),
        _ => Problems.Invalid(Field, Detail),
    };

    public HubException ToHubException() => new(Detail);
}

/// <summary>A value, or the reason there is none.</summary>
public readonly record struct ConcernResult<T>(T? Value, Refusal? Refusal)
    where T : class
{
    public static implicit operator ConcernResult<T>(T value) => new(value, null);

    public static implicit operator ConcernResult<T>(Refusal refusal) => new(null, refusal);

    /// <summary>For the hub: the value, or a HubException saying why not.</summary>
    public T OrThrow() => Value ?? throw Refusal!.ToHubException();
}
