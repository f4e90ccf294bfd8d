using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Browser.Tests;

/// <summary>api.weixin.qq.com for the host process: a stable token, a JS-SDK ticket, and template messages accepted.</summary>
internal sealed class WechatStandIn : IDisposable
{
    public const string ApprovedTemplate = "tpl-withdrawal-approved";
    public const string RejectedTemplate = "tpl-withdrawal-rejected";
    public const string PaidTemplate = "tpl-withdrawal-paid";
    public const string LoanTemplate = "tpl-loan-progress";
    public const string ContributionTemplate = "tpl-contribution-received";

    private readonly WireMockServer server;

    private WechatStandIn(WireMockServer server) => this.server = server;

    public string Url => server.Url!;

    public static WechatStandIn Start()
    {
        var server = WireMockServer.Start();
        Answer(server, "POST", "/cgi-bin/stable_token", """{"access_token":"wiremock-access-token","expires_in":7200}""");
        Answer(server, "GET", "/cgi-bin/ticket/getticket", """{"errcode":0,"errmsg":"ok","ticket":"wiremock-jsapi-ticket","expires_in":7200}""");
        Answer(server, "POST", "/cgi-bin/message/template/send", """{"errcode":0,"errmsg":"ok","msgid":200228332}""");
        return new WechatStandIn(server);
    }

    private static void Answer(WireMockServer server, string method, string path, string json) =>
        server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(json));

    /// <summary>Bodies of the template messages sent to this OpenID so far.</summary>
    public IReadOnlyList<JsonNode> TemplateMessagesTo(string openId) => server.LogEntries
        .Where(e => e.RequestMessage.Path == "/cgi-bin/message/template/send")
        .Select(e => JsonNode.Parse(e.RequestMessage.Body ?? "null"))
        .OfType<JsonNode>()
        .Where(body => body["touser"]?.GetValue<string>() == openId)
        .ToList();

    /// <summary>Waits for the host's outbox poller to deliver the message with this template.</summary>
    public async Task<JsonNode> WaitForTemplateAsync(string openId, string templateId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TemplateMessagesTo(openId).FirstOrDefault(b => b["template_id"]?.GetValue<string>() == templateId) is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"no {templateId} message reached the stand-in");
            await Task.Delay(250);
        }
    }

    public void Dispose() => server.Stop();
}
