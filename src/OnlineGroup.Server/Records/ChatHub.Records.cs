using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Records;

namespace OnlineGroup.Server.Chat;

public sealed partial class ChatHub
{
    /// <summary>A moderator's note for the session's handover report, written during the session.</summary>
    [Authorize(Policy = Policies.Moderation)]
    public async Task<HandoverNoteDto> AddHandoverNote(string groupId, string text, Handovers handovers)
    {
        if (registry.Get(Context.ConnectionId, groupId) is not { IsGroupStaff: true })
        {
            throw new HubException("Join the group as staff first: handover notes are for a group you are moderating.");
        }

        var note = await handovers.AddNoteAsync(Caller, groupId, text, null, Context.ConnectionAborted);
        return note.Value ?? throw new HubException(RecordsRefusal(note.Problem));
    }

    private static string RecordsRefusal(IResult? problem) => problem switch
    {
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult p => p.ProblemDetails.Detail ?? "That could not be done.",
        Microsoft.AspNetCore.Http.HttpResults.ValidationProblem v => v.ProblemDetails.Detail ?? "That could not be done.",
        _ => "That could not be done.",
    };
}
