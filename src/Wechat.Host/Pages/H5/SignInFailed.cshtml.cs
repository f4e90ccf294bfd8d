using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.Pages.H5;

/// <summary>Where a refused sign-in lands (used or invalid code, foreign state): a 400 with a way back in, never a crash.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignInFailedModel : PageModel
{
    public string Message { get; private set; } = "";

    public void OnGet(string? reason)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Message = reason switch
        {
            "declined" => "您未同意授权，无法使用在线服务。",
            "code" => "授权码已使用或已失效（请勿刷新或返回授权页面），请重新进入。",
            _ => "授权请求已失效或不是从本页面发起，请从公众号菜单重新进入。",
        };
    }
}
