namespace Wechat.Handlers.Protocol;

/// <summary>Why a WXBizMsgCrypt operation failed; the values are Tencent's error codes so logs match their docs.</summary>
public enum WechatCryptoError
{
    ValidateSignatureError = -40001,
    ParseXmlError = -40002,
    ComputeSignatureError = -40003,
    IllegalAesKey = -40004,
    ValidateAppidError = -40005,
    EncryptAESError = -40006,
    DecryptAESError = -40007,
    IllegalBuffer = -40008,
    EncodeBase64Error = -40009,
    DecodeBase64Error = -40010,
    GenReturnXmlError = -40011,
}
