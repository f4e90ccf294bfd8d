using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Wechat.Handlers;
using Wechat.Handlers.Protocol;

namespace Wechat.Host.Simulator;

/// <summary>The passive reply as the phone would show it, and the exchange on the wire for the curious.</summary>
/// <param name="Type"><c>text</c>, <c>news</c>, <c>none</c> ("success" or empty: WeChat shows nothing) or <c>refused</c>.</param>
public sealed record SimulatedReply(
    int Status, string Type, string? Content = null, string? Title = null, string? Description = null,
    string? PicUrl = null, string? Url = null, Wire? Wire = null);

public sealed record Wire(string Url, string RequestBody, string InnerXml, string ResponseBody, string? DecryptedReply);

/// <summary>
/// Plays WeChat's servers for one push: signs it (and, in safe mode, encrypts it and adds msg_signature) with the
/// account's Token and EncodingAESKey, POSTs it over HTTP to this host's own <c>/wechat</c>, then checks and
/// decrypts the reply as WeChat would. Nothing is short-circuited: the request takes the path a real push takes.
/// </summary>
public sealed class SimulatedPush(
    IHttpClientFactory clients, IServer server, IOptions<WechatOptions> options, TimeProvider clock)
{
    public const string ClientName = "simulator-push";

    public async Task<SimulatedReply> SendAsync(SimulatorRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var inner = request.ToXml(now);
        var url = $"/wechat?signature={WechatSignature.Compute(settings.Token, timestamp, nonce)}&timestamp={timestamp}" +
                  $"&nonce={nonce}&openid={Uri.EscapeDataString(request.OpenId)}";
        var body = inner;
        WechatMessageCrypt? crypt = null;
        if (request.SafeMode && !string.IsNullOrEmpty(settings.EncodingAESKey))
        {
            crypt = new WechatMessageCrypt(settings);
            var encrypt = crypt.Encrypt(inner);
            url += $"&encrypt_type=aes&msg_signature={WechatSignature.Compute(settings.Token, timestamp, nonce, encrypt)}";
            body = $"<xml><ToUserName><![CDATA[{SimulatorRequest.AccountId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        }

        using var http = clients.CreateClient(ClientName);
        http.BaseAddress = OwnAddress();
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"), ct);
        var responseBody = await response.Content.ReadAsStringAsync(ct);
        var wire = new Wire(url, body, inner, responseBody, null);
        if (!response.IsSuccessStatusCode) return new SimulatedReply((int)response.StatusCode, "refused", Wire: wire);
        if (responseBody is "" or "success") return new SimulatedReply(200, "none", Wire: wire);

        var replyXml = crypt is null ? responseBody : Open(crypt, responseBody);
        return Read(replyXml) with { Wire = wire with { DecryptedReply = crypt is null ? null : replyXml } };
    }

    /// <summary>Checks the reply's msg_signature over its own timestamp and nonce before decrypting, as WeChat does.</summary>
    private static string Open(WechatMessageCrypt crypt, string responseBody)
    {
        var outer = InboundXml.Parse(responseBody);
        return crypt.VerifyAndDecrypt(outer.Get("MsgSignature"), outer.Get("TimeStamp") ?? "", outer.Get("Nonce") ?? "", outer.Get("Encrypt") ?? "");
    }

    private static SimulatedReply Read(string replyXml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(replyXml), settings);
        var root = XDocument.Load(reader).Root!;
        string? Of(XElement? e, string name) => e?.Element(name)?.Value;
        return Of(root, "MsgType") switch
        {
            "text" => new SimulatedReply(200, "text", Content: Of(root, "Content")),
            "news" when root.Element("Articles")?.Element("item") is { } item => new SimulatedReply(200, "news",
                Title: Of(item, "Title"), Description: Of(item, "Description"), PicUrl: Of(item, "PicUrl"), Url: Of(item, "Url")),
            var other => new SimulatedReply(200, "text", Content: $"（{other} 类型的回复，模拟器暂不显示）"),
        };
    }

    /// <summary>
    /// Where this host listens, from the server itself rather than the request's Host header, so the push goes to
    /// this process whatever name the page was opened under.
    /// </summary>
    private Uri OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host has no listening address to send the push to.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "localhost") uri.Host = "127.0.0.1";
        if (uri.Host is "[::]" or "::") uri.Host = "[::1]";
        return uri.Uri;
    }
}
