using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Portal.Web.Features.Organisations;

/// <summary>Invites many people from a CSV file: checked first, with a report of each bad row, then sent all at once.</summary>
public sealed partial class BulkInviteCard
{
    /// <summary>The report lists this many bad rows; the summary counts them all.</summary>
    public const int ReportLimit = 100;

    private Phase phase = Phase.Idle;
    private BulkInvitePlan? plan;
    private string? problem;
    private int sent;

    private enum Phase
    {
        Idle,
        Checking,
        Problem,
        Checked,
        Sending,
        Sent,
    }

    [Inject] private BulkInvitations Bulk { get; set; } = default!;

    [Parameter] public EventCallback OnSent { get; set; }

    private async Task CheckAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        plan = null;
        if (file.Size > BulkInvitations.MaxBytes)
        {
            Fail(L["Bulk_TooLarge"]);
            return;
        }

        phase = Phase.Checking;
        using var copy = new MemoryStream();
        await using (var upload = file.OpenReadStream(BulkInvitations.MaxBytes))
        {
            await upload.CopyToAsync(copy);
        }

        copy.Position = 0;
        plan = await Bulk.CheckAsync(copy);
        if (plan.FileProblem is { } fileProblem)
        {
            Fail(fileProblem);
            return;
        }

        phase = Phase.Checked;
    }

    private async Task SendAsync()
    {
        if (phase == Phase.Sending)
        {
            return;
        }

        phase = Phase.Sending;
        sent = 0;
        var step = Math.Max(1, plan!.Rows.Count / 50);
        var progress = new InlineProgress(count =>
        {
            sent = count;
            if (count % step == 0)
            {
                _ = InvokeAsync(StateHasChanged);
            }
        });
        var result = await Bulk.SendAsync(plan, progress);
        plan = result;
        if (result.FileProblem is { } refused)
        {
            Fail(refused);
            return;
        }

        if (!result.IsReady)
        {
            phase = Phase.Checked;
            return;
        }

        phase = Phase.Sent;
        await OnSent.InvokeAsync();
    }

    private void Fail(string message)
    {
        problem = message;
        phase = Phase.Problem;
    }

    /// <summary>Reports on the sending thread at once, unlike <see cref="Progress{T}"/>, which posts and may arrive after the work.</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
