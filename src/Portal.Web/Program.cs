using Portal.Web;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalDatabase();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTenancy();
builder.AddAudit();
builder.AddPortalEmail();
builder.AddPortalIdentity();
builder.Services.AddPortalAuthorization();
builder.AddPortalWeb();

var app = builder.Build();

if (AuditCommand.IsInvoked(args))
{
    return await AuditCommand.RunAsync(app.Services, args, Console.Out);
}

await app.InitializePortalDatabaseAsync();
app.UsePortalWeb();
app.MapPortalEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
