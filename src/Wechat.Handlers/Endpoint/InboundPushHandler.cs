using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Endpoint;

/// <summary>
/// POST /wechat: authenticate, read, decrypt, run the pipeline, answer. Refusals carry no body, so a prober learns
/// nothing but the status.
/// </summary>
public sealed class InboundPushHandler(
    MessagePipeline pipeline, IOptions<WechatOptions> options, TimeProvider time, ILogger<InboundPushHandler> logger)
{
    // One crypt for the process: the options behind it do not change while the host runs, so decoding the keys for
    // every message was work for nothing. Lazy, so a malformed key still fails the push rather than the start-up.
    private readonly Lazy<WechatMessageCrypt> _crypt = new(() => new WechatMessageCrypt(options.Value));

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        var query = WechatQuery.From(http.Request.Query);
        // Before the body: an unsigned caller should not get us to read, let alone parse, anything.
        if (!query.IsAuthentic(settings, time.GetUtcNow()))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "bad signature or timestamp");
        }

        if (await CappedBody.ReadAsync(http.Request, http.RequestAborted) is not { } body)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "body over 64 KB");
        }

        InboundMessage message;
        WechatMessageCrypt? crypt;
        try
        {
            (message, crypt) = Open(body, query, settings, _crypt);
        }
        catch (WechatCryptoException ex) when (ex.Error is WechatCryptoError.ValidateSignatureError)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "bad msg_signature");
        }
        catch (WechatCryptoException ex)
        {
            return Refuse(StatusCodes.Status400BadRequest, "undecryptable body: " + ex.Error);
        }
        catch (WechatXmlException)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed XML");
        }

        var reply = await pipeline.HandleAsync(new MessageContext(message, http.RequestAborted));
        Fund.Core.Telemetry.FundMetrics.PushAnswered(message.GetType().Name, reply.IsXml ? "reply" : reply is SuccessReply ? "success" : "empty");
        return Answer(reply, message, crypt, query);
    }

    /// <summary>
    /// The message, and the crypt when it came encrypted. With an EncodingAESKey configured the account is in safe
    /// or compatible mode, where WeChat always encrypts; a plain body then is refused, because the URL signature
    /// does not cover the body and only msg_signature does.
    /// </summary>
    private static (InboundMessage, WechatMessageCrypt?) Open(
        byte[] body, WechatQuery query, WechatOptions settings, Lazy<WechatMessageCrypt> crypts)
    {
        var outer = InboundXml.Parse(body);
        var envelope = EncryptedEnvelope.From(outer);
        var aesConfigured = !string.IsNullOrEmpty(settings.EncodingAESKey);
        if (envelope is null)
        {
            if (query.AsksForAes || aesConfigured)
            {
                throw new WechatXmlException("An encrypted body was expected.");
            }

            return (InboundMessageParser.Parse(outer), null);
        }

        if (!aesConfigured)
        {
            throw new WechatCryptoException(WechatCryptoError.IllegalAesKey, "No EncodingAESKey is configured.");
        }

        var crypt = crypts.Value;
        var inner = envelope.Open(crypt, query.MsgSignature, query.Timestamp!, query.Nonce!);
        return (InboundMessageParser.Parse(inner), crypt);
    }

    private IResult Answer(Reply reply, InboundMessage message, WechatMessageCrypt? crypt, WechatQuery query)
    {
        if (!reply.IsXml)
        {
            return reply is SuccessReply ? Results.Text("success", "text/plain") : Results.Empty;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        // Addressed back: to the citizen, from our account.
        var xml = ReplyWriter.ToXml(reply, message.FromUserName, message.ToUserName, now);
        if (crypt is not null)
        {
            xml = crypt.EncryptReply(xml, now.ToString(System.Globalization.CultureInfo.InvariantCulture), query.Nonce!);
        }

        return Results.Text(xml, "application/xml", Encoding.UTF8);
    }

    private IResult Refuse(int status, string reason)
    {
        logger.LogWarning("Refused a push ({Status}): {Reason}", status, reason);
        Fund.Core.Telemetry.FundMetrics.PushAnswered("unread", status switch { 401 => "refused_401", 413 => "refused_413", _ => "refused_400" });
        return Results.StatusCode(status);
    }
}
