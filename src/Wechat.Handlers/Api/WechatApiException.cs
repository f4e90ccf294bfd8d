namespace Wechat.Handlers.Api;

/// <summary>WeChat answered a call with a non-zero <c>errcode</c> that we do not recover from.</summary>
public sealed class WechatApiException(int errCode, string? errMsg)
    : Exception($"WeChat API error {errCode}: {errMsg}")
{
    public int ErrCode { get; } = errCode;
    public string ErrMsg { get; } = errMsg ?? "";
}
