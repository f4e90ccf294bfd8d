using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages;

/// <summary>The one friendly page for anything unexpected and for status codes; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "系统繁忙";
    public string Message { get; private set; } = "抱歉，系统暂时无法处理您的请求，请稍后再试。";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (code is null && ServerUnavailable.Is(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error)) code = 503;
        (Title, Message) = code switch
        {
            404 => ("页面不存在", "您访问的页面不存在或已被移除，请从公众号菜单重新进入。"),
            403 => ("无权访问", "您无权查看此页面。"),
            400 => ("请求无效", "请求内容有误或页面已过期，请返回后重试。"),
            429 => ("操作过于频繁", "您的操作过于频繁，请稍后再试。"),
            503 => (ServerUnavailable.Title, ServerUnavailable.Message),
            _ => (Title, Message),
        };
        if (code is >= 400 and < 600) Response.StatusCode = code.Value;
        if (code == 503) Response.Headers.RetryAfter = ServerUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
