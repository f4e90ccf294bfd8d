using System.ComponentModel.DataAnnotations;

namespace Wechat.Handlers;

/// <summary>The official account's credentials and WeChat's addresses, bound from the <c>Wechat</c> section.</summary>
public sealed class WechatOptions
{
    public const string Section = "Wechat";

    [Required] public string AppId { get; set; } = "";
    [Required] public string AppSecret { get; set; } = "";
    [Required] public string Token { get; set; } = "";

    /// <summary>43 characters; required for safe and compatible mode.</summary>
    public string? EncodingAESKey { get; set; }

    /// <summary>The key in force before the last rotation: inbound messages still decrypt with it for a while.</summary>
    public string? PreviousEncodingAESKey { get; set; }

    [Required, Url] public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";
    [Required, Url] public string OAuthBaseUrl { get; set; } = "https://open.weixin.qq.com";

    /// <summary>Where citizens reach our H5 pages; replaces <c>{PublicBaseUrl}</c> in menu-config.json.</summary>
    [Required, Url] public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Messages older or newer than this are refused as replays.</summary>
    public int TimestampWindowSeconds { get; set; } = 300;
}
