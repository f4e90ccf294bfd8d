using Fund.Core;
using System.Net;
using System.Text;

namespace Wechat.Host.Sms;

/// <summary>Development only: /dev/sms lists the latest texts of the outbox, codes included.</summary>
internal static class DevSmsEndpoint
{
    public static void Map(WebApplication app) => app.MapGet("/dev/sms", async (DevSmsOutbox outbox) =>
    {
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>开发用短信发件箱</title><link rel="stylesheet" href="/lib/weui.min.css"></head><body>
            <div class="weui-cells__title">开发环境短信发件箱（最新在前）</div><div class="weui-cells">
            """);
        foreach (var text in await outbox.LatestAsync(30))
            html.Append($"""<div class="weui-cell"><div class="weui-cell__bd"><p>{WebUtility.HtmlEncode(text.Phone)} · <b class="sms-code">{text.Code}</b></p><p class="weui-cell__desc">{WebUtility.HtmlEncode(text.Body)} · {text.At.ToOffset(CentreClock.Offset):yyyy-MM-dd HH:mm:ss}</p></div></div>""");
        html.Append("</div></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    });
}
