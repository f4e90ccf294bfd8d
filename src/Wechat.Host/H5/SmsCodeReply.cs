using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wechat.Host.H5;

/// <summary>
/// 获取验证码 answers the page's script (<c>X-Requested-With: fetch</c>) with JSON, so nothing typed is lost;
/// without script the form posts and the page comes back with the message.
/// </summary>
internal static class SmsCodeReply
{
    public const string StatusId = "sms-status";

    public static bool WantsJson(this PageModel page) => page.Request.Headers["X-Requested-With"] == "fetch";

    public static IActionResult CodeReply(this PageModel page, bool sent, string message, Func<IActionResult> withoutScript) =>
        page.WantsJson() ? new JsonResult(new { ok = sent, message }) : withoutScript();

    public static async Task<IActionResult> CodeReplyAsync(this PageModel page, bool sent, string message, Func<Task<IActionResult>> withoutScript) =>
        page.WantsJson() ? new JsonResult(new { ok = sent, message }) : await withoutScript();
}
