using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wechat.Host.Sms;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Host.Tests.Sms;

/// <summary>The SMS gateway client against a WireMock stand-in for the gateway.</summary>
public sealed class HttpSmsSenderTests : IDisposable
{
    private readonly WireMockServer gateway = WireMockServer.Start();

    public void Dispose() => gateway.Stop();

    private HttpSmsSender Sender(string? noticeTemplate = null) => new(new HttpClient(), Options.Create(new SmsOptions
    {
        GatewayUrl = gateway.Url + "/v1/sms/send", ApiKey = "test-key", TemplateId = "SMS_0001", NoticeTemplateId = noticeTemplate,
    }), NullLogger<HttpSmsSender>.Instance);

    [Fact]
    public async Task ThePhoneChangedNoticeGoesToTheOldNumberWithItsTemplateAndOnlyTheMaskedNewOne()
    {
        gateway.Given(Request.Create().WithPath("/v1/sms/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));

        await Sender().SendPhoneChangedNoticeAsync("13800000000", "139****5678", default);
        Assert.Empty(gateway.LogEntries); // no notice template configured: nothing is sent
        await Sender("SMS_0002").SendPhoneChangedNoticeAsync("13800000000", "139****5678", default);

        var request = Assert.Single(gateway.LogEntries).RequestMessage;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"phone":"13800000000","templateId":"SMS_0002","params":{"newPhone":"139****5678"}}"""),
            JsonNode.Parse(request.Body!)), request.Body);
    }

    [Fact]
    public async Task TheCodeIsPostedWithTheKeyAndTemplate()
    {
        gateway.Given(Request.Create().WithPath("/v1/sms/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));

        await Sender().SendCodeAsync("13800000000", "123456", default);

        var request = Assert.Single(gateway.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer test-key", request.Headers!["Authorization"].ToString());
        Assert.StartsWith("application/json", request.Headers["Content-Type"].ToString());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"phone":"13800000000","templateId":"SMS_0001","params":{"code":"123456","minutes":"5"}}"""),
            JsonNode.Parse(request.Body!)), request.Body);
    }

    [Fact]
    public async Task AGatewayErrorIsThrown()
    {
        gateway.Given(Request.Create().WithPath("/v1/sms/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        await Assert.ThrowsAsync<SmsGatewayException>(() => Sender().SendCodeAsync("13800000000", "123456", default));
    }
}
