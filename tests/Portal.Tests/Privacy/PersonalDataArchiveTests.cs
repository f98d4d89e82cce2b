using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Privacy;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;

namespace Portal.Tests.Privacy;

public sealed class PersonalDataArchiveTests : AppTest
{
    private const string Agent = "support@portal.test";
    private const string Member = "member@acme.test";
    private const string Outsider = "owner@globex.test";
    private const string ToldRequester = "Revenue Office of Ruritania";
    private const string WithheldRequester = "Metropolitan Police";
    private const string WithheldReason = "Court order forbids notice until 2027";
    private const string ProviderKey = "provider-subject-8d1f0c";
    private const string AuthenticatorKey = "AUTHKEY7QXJ3M5TZ";
    private const string DeviceTokenHash = "0f5e1c9a3b7d2e4f6a8c0b1d3e5f7a9c0f5e1c9a3b7d2e4f6a8c0b1d3e5f7a9c";
    private const string OtherAddress = "someone.else@example.test";
    private const string OtherSubject = "A message for someone else";

    private static readonly string[] PersonIdNames = ["SubjectId", "ActorId", "ImpersonatorId", "AgentId"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Every_table_that_holds_a_person_id_is_in_the_archive_or_excluded_with_a_reason()
    {
        // The app's own model: Identity's passkey table is there only with the app's Identity options.
        await using var db = Factory.CreateDbContext();

        // Owned types are stored with (and read through) their owner, which is what the archive covers.
        var holders = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned())
            .Where(e => e.ClrType == typeof(PortalUser)
                || e.GetProperties().Any(p => IsPersonId(p.Name))
                || e.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(PortalUser)))
            .Select(e => e.ClrType)
            .ToList();

        holders.Count.ShouldBeGreaterThan(15);
        holders.Where(t => !PersonalDataArchive.Coverage.ContainsKey(t)).Select(t => t.Name).ToList()
            .ShouldBeEmpty("these tables hold a person's id: export them in the archive or state why not in PersonalDataArchive.Coverage");
        var modelTypes = db.Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet();
        PersonalDataArchive.Coverage.Keys.Where(t => !modelTypes.Contains(t)).ToList().ShouldBeEmpty("coverage names tables the model no longer has");
        foreach (var (type, decision) in PersonalDataArchive.Coverage)
        {
            var isFile = decision.EndsWith(".json", StringComparison.Ordinal) && !decision.Contains(' ', StringComparison.Ordinal);
            var isReason = decision.StartsWith("Not exported: ", StringComparison.Ordinal) && decision.Length > 40;
            (isFile || isReason).ShouldBeTrue($"{type.Name}: '{decision}' is neither an archive file nor a stated reason");
        }

        PersonalDataArchive.Coverage[typeof(IdentityUserToken<string>)].ShouldStartWith("Not exported: ");
    }

    [Fact]
    public async Task The_archive_holds_each_area_with_counts_and_hashes_its_manifest_states_and_no_secret_or_withheld_request()
    {
        var memberId = await Factory.UserIdAsync(Member);
        var acme = await OrganisationIdAsync("Acme");
        await RecordDisclosureAsync(memberId, ToldRequester, withheld: false);
        await RecordDisclosureAsync(memberId, WithheldRequester, withheld: true);
        await SeedAsync(memberId, acme, "Firefox on Linux");
        await AuditAsync(memberId, 3);

        var progress = new Reports();
        var (manifest, entries) = await ArchiveAsync(memberId, acme, progress);

        manifest.Format.ShouldBe("portal-personal-data");
        manifest.UserId.ShouldBe(memberId);
        manifest.CreatedAt.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime);
        entries.Keys.Last().ShouldBe("manifest.json");
        manifest.Files.Select(f => f.File).ShouldBe(entries.Keys.SkipLast(1), ignoreOrder: true);
        manifest.Files.Select(f => f.File).ShouldBe(
            ["account.json", "profile.json", "photo.json", "photo.webp", "organisation.json", "sessions.json", "sign-ins.json", "devices.json",
             "notifications.json", "consents.json", "linked-accounts.json", "disclosures.json", "support-access.json", "audit.json", "emails.json",
             "invitations.json"], ignoreOrder: true);
        PersonalDataArchive.Coverage.Values.Where(v => v.EndsWith(".json", StringComparison.Ordinal)).Distinct()
            .ShouldAllBe(file => manifest.Files.Any(f => f.File == file));
        foreach (var file in manifest.Files)
        {
            Convert.ToHexStringLower(SHA256.HashData(entries[file.File])).ShouldBe(file.Sha256, file.File);
            if (file.File.EndsWith(".json", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(entries[file.File]);
                document.RootElement.GetProperty("schemaVersion").GetInt32().ShouldBe(file.SchemaVersion);
                document.RootElement.GetProperty("records").GetArrayLength().ShouldBe(file.Records, file.File);
            }
        }

        progress.Values.ShouldBe(progress.Values.Order());
        progress.Values[0].ShouldBe(0);
        progress.Values[^1].ShouldBe(100);

        await using (var db = Factory.CreateDbContext(acme))
        {
            Records(manifest, "sessions.json").ShouldBe(await db.UserSessions.CountAsync(s => s.UserId == memberId));
            Records(manifest, "sign-ins.json").ShouldBe(await db.SignInAttempts.CountAsync(a => a.UserId == memberId));
            Records(manifest, "audit.json").ShouldBe(await db.AuditEvents.CountAsync(e => e.SubjectId == memberId));
            Records(manifest, "consents.json").ShouldBe(await db.PolicyAcceptances.CountAsync(a => a.UserId == memberId));
        }

        Records(manifest, "audit.json").ShouldBeGreaterThanOrEqualTo(4); // three changes and the disclosure the person was told of
        Records(manifest, "account.json").ShouldBe(1);
        Records(manifest, "profile.json").ShouldBe(1);
        Records(manifest, "photo.json").ShouldBe(1);
        Records(manifest, "organisation.json").ShouldBe(1);
        Records(manifest, "disclosures.json").ShouldBe(1);
        Records(manifest, "devices.json").ShouldBe(1);
        Records(manifest, "linked-accounts.json").ShouldBe(1);
        Records(manifest, "notifications.json").ShouldBe(3); // preferences, a digest, an email open
        Records(manifest, "emails.json").ShouldBe(1); // the disclosure notice
        entries["photo.webp"].ShouldBe(PhotoBytes);

        var text = Text(entries);
        Encoding.UTF8.GetString(entries["disclosures.json"]).ShouldContain(ToldRequester);
        Encoding.UTF8.GetString(entries["account.json"]).ShouldContain(Member);
        Encoding.UTF8.GetString(entries["profile.json"]).ShouldContain("Archivist");
        Encoding.UTF8.GetString(entries["organisation.json"]).ShouldContain("Acme");
        Encoding.UTF8.GetString(entries["sessions.json"]).ShouldContain("Firefox on Linux");
        Encoding.UTF8.GetString(entries["audit.json"]).ShouldContain("\"occurredAt\": \"2026-11-22T09:00:00.0000000Z\"");
        text.ShouldNotContain(WithheldRequester, Case.Insensitive);
        text.ShouldNotContain(WithheldReason, Case.Insensitive);
        text.ShouldNotContain(OtherAddress, Case.Insensitive);
        text.ShouldNotContain(OtherSubject, Case.Insensitive);
        await using (var db = Factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == memberId);
            user.PasswordHash.ShouldNotBeNullOrEmpty();
            text.ShouldNotContain(user.PasswordHash);
            text.ShouldNotContain(user.SecurityStamp!);
            text.ShouldNotContain(user.ConcurrencyStamp!);
        }

        foreach (var secret in new[] { ProviderKey, AuthenticatorKey, DeviceTokenHash, "passwordHash", "securityStamp", "tokenHash" })
        {
            text.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Another_organisation_s_member_never_appears_in_the_archive()
    {
        var memberId = await Factory.UserIdAsync(Member);
        var outsiderId = await Factory.UserIdAsync(Outsider);
        var acme = await OrganisationIdAsync("Acme");
        var globex = await OrganisationIdAsync("Globex");
        await SeedAsync(memberId, acme, "Safari on macOS");
        await SeedAsync(outsiderId, globex, "Globex-only device");
        await RecordDisclosureAsync(outsiderId, "Globex Requester", withheld: false);
        await AuditAsync(outsiderId, 2);
        await AuditAsync(memberId, 2);

        var (manifest, entries) = await ArchiveAsync(memberId, acme, progress: null);

        var text = Text(entries);
        Records(manifest, "sessions.json").ShouldBeGreaterThan(0);
        text.ShouldContain("Safari on macOS");
        foreach (var foreign in new[] { Outsider, outsiderId, globex.ToString(), "Globex", "Gina", "Globex-only device", "Globex Requester" })
        {
            text.ShouldNotContain(foreign, Case.Insensitive);
        }

        await using var acting = Factory.CreateDbContext(globex);
        await Should.ThrowAsync<InvalidOperationException>(() =>
            new PersonalDataArchive(Factory.Time).WriteAsync(acting, memberId, Stream.Null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_person_without_an_organisation_gets_their_own_rows_and_no_tenant_owned_ones()
    {
        string userId;
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = "nobody@portal.test", Email = "nobody@portal.test", FirstName = "Nora", LastName = "Nobody", CreatedAt = Factory.Time.GetUtcNow().UtcDateTime };
            (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
            userId = user.Id;
        }

        await using (var db = Factory.CreateDbContext())
        {
            db.SignInAttempts.Add(new SignInAttempt { Id = Guid.NewGuid(), UserId = userId, OccurredAt = Factory.Time.GetUtcNow().UtcDateTime, Method = "password", Device = "Edge on Windows" });
            await db.SaveChangesAsync();
        }

        await using var context = Factory.CreateDbContext();
        using var output = new MemoryStream();
        var manifest = await new PersonalDataArchive(Factory.Time).WriteAsync(context, userId, output, null, CancellationToken.None);

        Records(manifest, "account.json").ShouldBe(1);
        Records(manifest, "sign-ins.json").ShouldBe(1);
        Records(manifest, "organisation.json").ShouldBe(0);
        Records(manifest, "notifications.json").ShouldBe(0);
        Records(manifest, "disclosures.json").ShouldBe(0);
        Records(manifest, "support-access.json").ShouldBe(0);
        manifest.Files.ShouldNotContain(f => f.File.StartsWith("photo.", StringComparison.Ordinal) && f.File != "photo.json");
    }

    private static readonly byte[] PhotoBytes = [.. "RIFF\0\0\0\0WEBPVP8 "u8, 1, 2, 3, 4, 5];

    private static bool IsPersonId(string name) =>
        name.EndsWith("UserId", StringComparison.Ordinal) || name.EndsWith("ById", StringComparison.Ordinal) || PersonIdNames.Contains(name);

    private static int Records(ArchiveManifest manifest, string file) => manifest.Files.Single(f => f.File == file).Records;

    private static string Text(IReadOnlyDictionary<string, byte[]> entries) =>
        string.Join('\n', entries.Where(e => !e.Key.StartsWith("photo.", StringComparison.Ordinal) || e.Key == "photo.json")
            .Select(e => Encoding.UTF8.GetString(e.Value)));

    private async Task<(ArchiveManifest Manifest, Dictionary<string, byte[]> Entries)> ArchiveAsync(string userId, Guid organisation, IProgress<int>? progress)
    {
        await using var db = Factory.CreateDbContext(organisation);
        using var output = new MemoryStream();
        var returned = await new PersonalDataArchive(Factory.Time).WriteAsync(db, userId, output, progress, CancellationToken.None);

        output.Position = 0;
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                entries.Add(entry.FullName, copy.ToArray());
            }
        }

        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(entries["manifest.json"], Json)!;
        manifest.Files.ShouldBe(returned.Files);
        (manifest with { Files = returned.Files }).ShouldBe(returned);
        return (manifest, entries);
    }

    private async Task SeedAsync(string userId, Guid organisation, string device)
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        await using var db = Factory.CreateDbContext(organisation);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId);
        if (profile is null)
        {
            profile = new Profile { UserId = userId };
            db.Profiles.Add(profile);
        }

        profile.JobTitle = "Archivist";
        profile.City = "Lyon";
        profile.UpdatedAt = now;
        if (!await db.ProfilePhotos.AnyAsync(p => p.UserId == userId))
        {
            db.ProfilePhotos.Add(new ProfilePhoto { UserId = userId, ContentType = "image/webp", Content = PhotoBytes, Width = 2, Height = 2, UpdatedAt = now, Version = "v1" });
        }

        db.UserSessions.Add(new UserSession { Id = Guid.NewGuid(), UserId = userId, Device = device, IpAddress = "203.0.113.7", CreatedAt = now, LastSeenAt = now, AuthenticatedAt = now });
        db.UserSessions.Add(new UserSession { Id = Guid.NewGuid(), UserId = userId, Device = device, CreatedAt = now, LastSeenAt = now, AuthenticatedAt = now, RevokedAt = now, RevokedReason = "signed_out" });
        for (var i = 0; i < 3; i++)
        {
            db.SignInAttempts.Add(new SignInAttempt { Id = Guid.NewGuid(), UserId = userId, OccurredAt = now.AddMinutes(-i), Method = "password", Device = device, Outcome = i == 0 ? SignInOutcome.WrongPassword : SignInOutcome.Succeeded });
        }

        db.KnownDevices.Add(new KnownDevice { Id = Guid.NewGuid(), UserId = userId, Device = device, TokenHash = DeviceTokenHash[..63] + (userId.Length % 10), FirstSeenAt = now, LastSeenAt = now });
        if (!await db.NotificationPreferences.AnyAsync(p => p.UserId == userId))
        {
            db.NotificationPreferences.Add(new NotificationPreferences { UserId = userId, Newsletter = true, AllowReadTracking = true, UpdatedAt = now });
        }

        db.DigestDeliveries.Add(new DigestDelivery { UserId = userId, Period = "2026-W47", Sent = true, CreatedAt = now });
        db.EmailOpens.Add(new EmailOpen { Id = Guid.NewGuid(), UserId = userId, MessageId = Guid.NewGuid(), OpenedAt = now });
        db.UserLogins.Add(new IdentityUserLogin<string> { UserId = userId, LoginProvider = "Google", ProviderKey = ProviderKey + userId[..4], ProviderDisplayName = "Google" });
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = AuthenticatorKey });
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(), Kind = OutboxKind.Email, To = OtherAddress, Subject = OtherSubject, HtmlBody = "<p>Hi</p>", TextBody = "Hi",
            Category = EmailCategory.AccountSecurity, CreatedAt = now, NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
    }

    private async Task AuditAsync(string userId, int count)
    {
        using var scope = Factory.Services.CreateScope();
        await using var db = Factory.CreateDbContext();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendManyAsync(db,
            [.. Enumerable.Range(0, count).Select(_ => new AuditRecord(AuditActions.ProfileUpdated, SubjectId: userId, ActorId: userId, ChangedFields: ["JobTitle"]))]);
    }

    private async Task RecordDisclosureAsync(string userId, string requester, bool withheld)
    {
        using var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid());
        var outcome = await scope.ServiceProvider.GetRequiredService<Disclosures>().RecordAsync(userId, new DisclosureForm
        {
            Requester = requester,
            LegalBasis = "Production order 12/2026",
            ReceivedOn = Factory.Time.GetUtcNow().UtcDateTime.Date,
            Disclosed = "Name and email address",
            NoticeProhibited = withheld,
            ProhibitionReason = withheld ? WithheldReason : null,
        });
        outcome.ShouldBe(withheld ? DisclosureOutcome.NoticeWithheld : DisclosureOutcome.Notified);
    }

    private async Task<Guid> OrganisationIdAsync(string name)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    /// <summary>Records every report as it is made (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Reports : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
