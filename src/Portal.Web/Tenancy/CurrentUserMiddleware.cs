namespace Portal.Web.Tenancy;

internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Principal = context.User;
        return next(context);
    }
}
