namespace Wechat.Handlers.Tests.Protocol;

/// <summary>
/// Tencent's published WXBizMsgCrypt sample vectors, copied verbatim (not invented).
/// </summary>
internal static class TencentSamples
{
    // From Tencent's WXBizMsgCrypt callback sample, repository sbzhu/weworkapi_php, callback/Sample.php
    // (commit 0855251597a9879090766fae9d475e2ef91f28bd), "使用示例二：对用户回复的消息解密". The same values appear in
    // easywechat's and other SDKs' tests. The timestamp and nonce belonging to this msg_signature are
    // 1409659813 / 1372623149 (the 1409304348 / "xxxxxx" pair belongs to the other sample below).
    public const string Token = "QDG6eK";
    public const string AppId = "wx5823bf96d3bd56c7";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string Timestamp = "1409659813";
    public const string Nonce = "1372623149";
    public const string MsgSignature = "477715d11cdb4164915debcba66cb864d751f3e6";

    public const string Encrypt =
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    public const string EncryptedBody =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + Encrypt +
        "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

    // Same file, "使用示例一：验证回调URL": the echostr decrypts to a random number string.
    public const string VerifyUrlTimestamp = "1409659589";
    public const string VerifyUrlNonce = "263014780";
    public const string VerifyUrlMsgSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const string VerifyUrlEchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    // Tencent's Official Account crypto demo test (WXBizMsgCryptTest.java in the MP cryptoDemo), as carried in
    // repository chanjarster/weixin-java-tools, weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/
    // WxCryptUtilTest.java (commit 516c1cc80a23e8188c9b231f3f4ea55c40e9e947): encrypting with the fixed random
    // prefix "aaaabbbbccccdddd" must give exactly these bytes.
    public const string DemoToken = "pamtest";
    public const string DemoAppId = "wxb11529c136998cb6";
    public const string DemoEncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string DemoRandom = "aaaabbbbccccdddd";
    public const string DemoReply = "我是中文abcd123";
    public const string DemoReplyEncrypted = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    public const string DemoReply2 =
        "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";

    public const string DemoReply2Encrypted =
        "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";
}
