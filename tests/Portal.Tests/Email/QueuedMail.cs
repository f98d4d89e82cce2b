using Portal.Tests.Infrastructure;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>Fills the outbox as business code does, through <see cref="Outbox"/>.</summary>
public static class QueuedMail
{
    /// <summary>Queues <paramref name="count"/> account messages to person1@example.test, person2@..., in one transaction.</summary>
    public static async Task<List<Guid>> QueueAsync(PortalFactory factory, int count)
    {
        var outbox = factory.Service<Outbox>();
        await using var db = factory.CreateDbContext();
        var ids = Enumerable.Range(1, count)
            .Select(i => outbox.Add(db, $"person{i}@example.test", new RenderedEmail($"Message {i}", $"<p>Message {i}</p>", $"Message {i}"), EmailCategory.AccountSecurity).Id)
            .ToList();
        await db.SaveChangesAsync();
        return ids;
    }
}
