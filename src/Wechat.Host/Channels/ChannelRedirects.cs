namespace Wechat.Host.Channels;

/// <summary>
/// In the hall, a redirect a shared page answers to an H5 path (<c>Redirect("/h5/login?notice=reset")</c>, a
/// <c>RedirectToPage</c> that generated the H5 route) goes to the same path in the hall.
/// </summary>
internal sealed class ChannelRedirects(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var channel = Channel.Of(context);
        if (channel.IsHall)
        {
            context.Response.OnStarting(() =>
            {
                var location = context.Response.Headers.Location.ToString();
                if (location.Length > 0 && Channel.IsH5Path(location)) context.Response.Headers.Location = channel.Href(location);
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
