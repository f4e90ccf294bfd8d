namespace Wechat.Handlers.Api;

/// <summary>The <c>errcode</c> values we act on rather than merely report.</summary>
public static class WechatErrorCodes
{
    public const int InvalidCredential = 40001;
    public const int InvalidAccessToken = 40014;
    public const int AccessTokenExpired = 42001;
    public const int InvalidOAuthCode = 40029;
    public const int OAuthCodeExpired = 42003;
    public const int OAuthCodeAlreadyUsed = 40163;

    /// <summary>WeChat no longer accepts the access token we sent: refresh it and try again once.</summary>
    public static bool RejectsAccessToken(int errCode) =>
        errCode is InvalidCredential or InvalidAccessToken or AccessTokenExpired;
}
