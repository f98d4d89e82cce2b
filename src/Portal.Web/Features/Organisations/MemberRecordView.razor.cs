using Microsoft.AspNetCore.Components;

namespace Portal.Web.Features.Organisations;

/// <summary>What is in and about a member's account, read-only: for their administrators and for Portal support.</summary>
public sealed partial class MemberRecordView
{
    [Parameter, EditorRequired] public MemberDetails Details { get; set; } = default!;

    [Parameter] public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Where everything recorded about the member can be read, if this reader may.</summary>
    [Parameter] public string? AuditPath { get; set; }

    /// <summary>Shown in place of the profile's facts while <see cref="EditingProfile"/>.</summary>
    [Parameter] public RenderFragment? ProfileEditor { get; set; }

    [Parameter] public bool EditingProfile { get; set; }

    /// <summary>Shown under the profile's facts (the button that opens an editor).</summary>
    [Parameter] public RenderFragment? ProfileFooter { get; set; }

    /// <summary>The profile fields the member has filled in, with the labels the member's own editor uses.</summary>
    private IEnumerable<(string Label, string Value)> ProfileFacts
    {
        get
        {
            var p = Details.Profile;
            (string, string?)[] facts =
            [
                .. new (string Field, string? Value)[]
                {
                    (nameof(p.FirstName), p.FirstName), (nameof(p.LastName), p.LastName), (nameof(p.DisplayName), p.DisplayName),
                    (nameof(p.Username), p.Username), (nameof(p.Phone), p.Phone), (nameof(p.JobTitle), p.JobTitle), (nameof(p.Company), p.Company),
                    (nameof(p.AddressLine1), p.AddressLine1), (nameof(p.AddressLine2), p.AddressLine2), (nameof(p.PostalCode), p.PostalCode),
                    (nameof(p.City), p.City), (nameof(p.Country), p.Country), (nameof(p.Language), p.Language), (nameof(p.TimeZone), p.TimeZone),
                }.Select(f => (MemberAdministration.ProfileFieldLabel(f.Field), f.Value)),
                ("Member_Visibility", L[$"Member_Visibility{p.Visibility}"]),
                ("Member_Indexing", p.AllowSearchIndexing ? L["Member_On"] : L["Member_Off"]),
            ];
            return facts.Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Item1, f.Item2!));
        }
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
}
