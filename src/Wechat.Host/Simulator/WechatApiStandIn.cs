using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Fund.Core.Notifications;
using Wechat.Handlers;

namespace Wechat.Host.Simulator;

/// <summary>
/// Development only: sits in the HttpClients of <c>WechatApiClient</c> and <c>AccessTokenProvider</c> and plays
/// WeChat's API for what the simulator needs. Customer-service and template messages are recorded in the
/// <see cref="SimulatorInbox"/> of their OpenID instead of going to WeChat (which would refuse the dev credentials
/// anyway); <c>stable_token</c> and the JS-SDK ticket are answered locally. Anything else passes through.
/// </summary>
/// <remarks>
/// Only while <c>Wechat:ApiBaseUrl</c> is WeChat's own address: a test or a developer who points it at a stand-in
/// of their own (WireMock, a sandbox proxy) gets exactly what they asked for.
/// </remarks>
public sealed class WechatApiStandIn(SimulatorInbox inbox, IOptions<WechatOptions> options,
    IOptionsMonitor<Wechat.Host.Withdrawals.TemplateOptions> templates) : DelegatingHandler
{
    public const string RealApiBaseUrl = "https://api.weixin.qq.com";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!StandsIn(options.Value)) return await base.SendAsync(request, cancellationToken);
        if (path.EndsWith("/cgi-bin/stable_token", StringComparison.Ordinal))
            return Json(new { access_token = "dev-simulator-token", expires_in = 7200 });
        if (path.EndsWith("/cgi-bin/ticket/getticket", StringComparison.Ordinal))
            return Json(new { errcode = 0, errmsg = "ok", ticket = "dev-simulator-jsapi-ticket", expires_in = 7200 });
        if (path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal))
        {
            using var body = await ReadAsync(request, cancellationToken);
            await RecordCustomAsync(body.RootElement);
            return Json(new { errcode = 0, errmsg = "ok" });
        }
        if (path.EndsWith("/cgi-bin/message/template/send", StringComparison.Ordinal))
        {
            using var body = await ReadAsync(request, cancellationToken);
            var stored = await RecordTemplateAsync(body.RootElement);
            return Json(new { errcode = 0, errmsg = "ok", msgid = stored.Id });
        }
        return await base.SendAsync(request, cancellationToken);
    }

    public static bool StandsIn(WechatOptions options) =>
        string.Equals(options.ApiBaseUrl.TrimEnd('/'), RealApiBaseUrl, StringComparison.OrdinalIgnoreCase);

    private async Task RecordCustomAsync(JsonElement body)
    {
        var openId = Text(body, "touser") ?? "";
        var message = Text(body, "msgtype") switch
        {
            "text" when body.TryGetProperty("text", out var text) => new PushedMessage(0, "text", default, Text: Text(text, "content")),
            "news" when body.TryGetProperty("news", out var news) && news.TryGetProperty("articles", out var articles)
                        && articles.ValueKind == JsonValueKind.Array && articles.GetArrayLength() > 0 => News(articles[0]),
            var other => new PushedMessage(0, "text", default, Text: $"（客服消息类型 {other}，模拟器暂不显示）"),
        };
        await inbox.AddAsync(openId, message);
    }

    private static PushedMessage News(JsonElement article) => new(0, "news", default,
        Title: Text(article, "title"), Description: Text(article, "description"), Url: Text(article, "url"), PicUrl: Text(article, "picurl"));

    /// <summary>
    /// Records a template message as the phone shows it: one of the centre's templates (found by its configured id)
    /// under its title with each keyword's label; any other under its id and raw field names.
    /// </summary>
    private Task<PushedMessage> RecordTemplateAsync(JsonElement body)
    {
        var templateId = Text(body, "template_id");
        var layout = LayoutOf(templateId);
        var lines = new List<TemplateLine>();
        if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            foreach (var field in data.EnumerateObject())
                lines.Add(new TemplateLine(layout is null ? field.Name : TemplateMessages.LabelOf(layout, field.Name),
                    field.Value.ValueKind == JsonValueKind.Object ? Text(field.Value, "value") ?? "" : field.Value.ToString()));
        return inbox.AddAsync(Text(body, "touser") ?? "",
            new PushedMessage(0, "template", default, Title: layout?.Title ?? templateId, Url: Text(body, "url"), Lines: lines));
    }

    private TemplateMessages.Layout? LayoutOf(string? templateId)
    {
        if (string.IsNullOrEmpty(templateId)) return null;
        var configured = templates.CurrentValue;
        return TemplateMessages.Layouts.FirstOrDefault(l => configured.IdFor(l.Key) == templateId).Value;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<JsonDocument> ReadAsync(HttpRequestMessage request, CancellationToken ct) =>
        request.Content is null
            ? JsonDocument.Parse("{}")
            : await JsonDocument.ParseAsync(await request.Content.ReadAsStreamAsync(ct), cancellationToken: ct);

    private static HttpResponseMessage Json<T>(T body) => new(HttpStatusCode.OK) { Content = JsonContent.Create(body) };
}
