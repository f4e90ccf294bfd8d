using Microsoft.AspNetCore.Http.Features;
using Wechat.Host.Pages.H5.Withdraw;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// An upload far over the limit must still end on the form with "文件不能超过5MB", not on a bare 400 from the form
/// reader or Kestrel's body limit. A body whose declared length is over the limit is read off and dropped (up to
/// <see cref="DrainLimit"/>, so the browser, still sending, sees a normal answer instead of a reset) and the citizen is
/// sent back to the page with a flag; a body that overruns a limit while it is read ends the same way.
/// </summary>
internal static class OversizeUploads
{
    public const long DrainLimit = 64L * 1024 * 1024;
    /// <summary>Room for the multipart framing and the form's other fields around the file.</summary>
    private const long FormOverhead = 256 * 1024;

    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        if (!IsUpload(http.Request))
        {
            await next(http);
            return;
        }
        var limit = http.RequestServices.GetRequiredService<DocumentFiles>().MaxBytes + FormOverhead;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            if (length <= DrainLimit)
            {
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = DrainLimit;
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            }
            http.Response.Redirect(BackTo(http.Request));
            return;
        }
        try
        {
            await next(http);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException
                                  && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.Redirect(BackTo(http.Request));
        }
    });

    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Equals(Channels.Channel.For(request.Path).Href("/h5/withdraw/apply"), StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Query["handler"], "Upload", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The page the upload came from, from its query string (numbers only), with the too-large flag (an H5 path; the
    /// hall answers it as its own, Channels.ChannelRedirects).
    /// </summary>
    private static string BackTo(HttpRequest request) =>
        int.TryParse(request.Query["type"], out var type) && long.TryParse(request.Query["material"], out var material)
            ? $"/h5/withdraw/apply?type={type}&material={material}&upload={ApplyModel.TooLargeFlag}"
            : "/h5/withdraw";
}
