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

    /// <summary>系统繁忙: WeChat is busy; try again a little later.</summary>
    public const int SystemBusy = -1;
    /// <summary>The API's quota (or its rate) is spent for now: every further call fails alike until it is restored.</summary>
    public const int QuotaExceeded = 45009;
    /// <summary>The citizen does not follow the account (any more): a template message can never reach them.</summary>
    public const int RequireSubscribe = 43004;
    /// <summary>The OpenID is not one of this account's.</summary>
    public const int InvalidOpenId = 40003;

    /// <summary>A template message refused with this code will be refused again however often it is sent.</summary>
    public static bool RefusesRecipient(int errCode) => errCode is RequireSubscribe or InvalidOpenId;

    /// <summary>WeChat no longer accepts the access token we sent: refresh it and try again once.</summary>
    public static bool RejectsAccessToken(int errCode) =>
        errCode is InvalidCredential or InvalidAccessToken or AccessTokenExpired;
}
