using System.Net;
using System.Text;
using Fund.Data.Seed;
using StackExchange.Redis;

namespace Wechat.Host.H5;

/// <summary>
/// Development only: WeChat's authorize page and code exchange played by the host itself, so the real redirect
/// flow runs end to end in a desktop browser. Codes are single-use in Redis, as WeChat's are.
/// </summary>
internal static class DevOAuthEndpoints
{
    public const string Prefix = "/dev/oauth";
    public const string OpenIdCookie = "dev_openid";

    private static RedisKey CodeKey(string code) => $"dev:oauth:code:{code}";
    private static RedisKey UsedKey(string code) => $"dev:oauth:used:{code}";

    public static bool IsDevOAuth(string oauthBaseUrl) =>
        Uri.TryCreate(oauthBaseUrl, UriKind.Absolute, out var uri) && uri.AbsolutePath.TrimEnd('/').EndsWith(Prefix, StringComparison.Ordinal);

    public static void Map(WebApplication app)
    {
        app.MapGet(Prefix + "/connect/oauth2/authorize", AuthorizeAsync);
        app.MapGet(Prefix + "/pick", Pick);
        app.MapGet(Prefix + "/sns/oauth2/access_token", ExchangeAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IConnectionMultiplexer redis)
    {
        var redirectUri = context.Request.Query["redirect_uri"].ToString();
        var state = context.Request.Query["state"].ToString();
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _)) return Results.BadRequest("redirect_uri");
        if (!context.Request.Cookies.TryGetValue(OpenIdCookie, out var openId) || string.IsNullOrEmpty(openId))
            return Results.Content(Picker(context.Request.Path + context.Request.QueryString), "text/html; charset=utf-8");

        var code = RandomTokens.New(16);
        await redis.GetDatabase().StringSetAsync(CodeKey(code), openId, TimeSpan.FromMinutes(5));
        var separator = redirectUri.Contains('?') ? '&' : '?';
        return Results.Redirect($"{redirectUri}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    private static IResult Pick(HttpContext context)
    {
        var openId = context.Request.Query["openid"].ToString();
        var back = context.Request.Query["back"].ToString();
        if (openId == "new") openId = "dev-" + RandomTokens.New(9);
        if (string.IsNullOrEmpty(openId) || openId.Length > 64 || !back.StartsWith(Prefix + "/", StringComparison.Ordinal))
            return Results.BadRequest();
        context.Response.Cookies.Append(OpenIdCookie, openId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return Results.Redirect(back);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, IConnectionMultiplexer redis)
    {
        var code = context.Request.Query["code"].ToString();
        var db = redis.GetDatabase();
        var openId = await db.StringGetDeleteAsync(CodeKey(code));
        if (openId.IsNullOrEmpty)
        {
            return await db.KeyExistsAsync(UsedKey(code))
                ? Results.Json(new { errcode = 40163, errmsg = "code been used (dev)" })
                : Results.Json(new { errcode = 40029, errmsg = "invalid code (dev)" });
        }
        await db.StringSetAsync(UsedKey(code), 1, TimeSpan.FromMinutes(10));
        return Results.Json(new { access_token = "dev-web-token", expires_in = 7200, refresh_token = "dev", openid = openId.ToString(), scope = "snsapi_base" });
    }

    private static string Picker(string authorizeUrl)
    {
        var back = Uri.EscapeDataString(authorizeUrl);
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>开发用授权</title><link rel="stylesheet" href="/lib/weui.min.css"></head><body>
            <div class="weui-cells__title">开发环境：选择以哪位微信用户身份进入</div><div class="weui-cells">
            """);
        foreach (var c in DemoCitizens.All)
            html.Append($"""<a class="weui-cell weui-cell_access" href="{Prefix}/pick?openid={c.OpenId}&back={back}"><div class="weui-cell__bd">{WebUtility.HtmlEncode(c.Name)}（{c.OpenId}）</div><div class="weui-cell__ft"></div></a>""");
        html.Append($"""<a class="weui-cell weui-cell_access" href="{Prefix}/pick?openid=new&back={back}"><div class="weui-cell__bd">新的微信用户（未绑定）</div><div class="weui-cell__ft"></div></a></div></body></html>""");
        return html.ToString();
    }
}
