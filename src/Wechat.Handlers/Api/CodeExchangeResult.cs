namespace Wechat.Handlers.Api;

/// <summary>What came of exchanging an OAuth2 <c>code</c> for the citizen's OpenID.</summary>
public abstract record CodeExchangeResult
{
    private CodeExchangeResult() { }

    public sealed record Exchanged(string OpenId) : CodeExchangeResult;

    /// <summary>
    /// WeChat refused the code. Expected in normal use (refresh, back button, a forwarded link) and answered by
    /// starting the authorization again, not by an error page.
    /// </summary>
    public sealed record Refused(CodeRefusal Reason, int ErrCode, string ErrMsg) : CodeExchangeResult;
}

public enum CodeRefusal
{
    /// <summary>40163: the code was already exchanged once.</summary>
    AlreadyUsed,

    /// <summary>40029: not a code WeChat issued to this app.</summary>
    Invalid,

    /// <summary>42003: codes live five minutes.</summary>
    Expired,
}
