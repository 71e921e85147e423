using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace OnlineGroup.Server.Security;

/// <summary>
/// Refuses a hub call whose ids or text are null (a hand-written or buggy client), before any work is
/// done, with a HubException naming the missing argument — instead of an anonymous server error or a
/// silent "empty" answer. Arguments declared nullable (<c>string? reason</c>) stay optional.
/// </summary>
public sealed class HubArgumentCheck : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, (int Index, string Name)[]> Required = new();
    private static readonly NullabilityInfoContext Nullability = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var arguments = invocationContext.HubMethodArguments;
        foreach (var (index, name) in Required.GetOrAdd(invocationContext.HubMethod, RequiredOf))
        {
            if (index < arguments.Count && arguments[index] is null)
            {
                throw new HubException($"{invocationContext.HubMethodName} needs {name}, and none was given.");
            }
        }

        return next(invocationContext);
    }

    /// <summary>Ids and text declared as non-nullable strings: the arguments a call cannot do without.</summary>
    private static (int Index, string Name)[] RequiredOf(MethodInfo method)
    {
        lock (Nullability)
        {
            return [.. method.GetParameters()
                .Where(p => p.ParameterType == typeof(string)
                    && (p.Name!.EndsWith("Id", StringComparison.Ordinal) || p.Name == "text")
                    && Nullability.Create(p).WriteState == NullabilityState.NotNull)
                .Select(p => (p.Position, p.Name!))];
        }
    }
}
