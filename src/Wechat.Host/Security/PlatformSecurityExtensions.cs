using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Wechat.Handlers;

namespace Wechat.Host.Security;

/// <summary>
/// The platform's defences: the Data Protection key ring sealed with a key-encryption key and shared through
/// Redis, counter sessions re-checked against the staff row, response headers, the antiforgery cookie, no
/// server banner.
/// </summary>
public static class PlatformSecurityExtensions
{
    public const string DataProtectionKey = "h5:dataprotection:keys";

    public static IHostApplicationBuilder AddPlatformSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();

        // Antiforgery tokens and the counter cookie must read the same on every instance, and the keys that make
        // them must be useless to whoever reads Redis.
        services.AddSingleton<KeyEncryptionKeys>();
        services.AddDataProtection().SetApplicationName("WechatFund");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, KeyEncryptionKeys, ILoggerFactory>((o, redis, keys, logs) =>
        {
            o.XmlRepository = new SealedKeysOnly(new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKey),
                logs.CreateLogger("Wechat.Host.Security.KeyRing"));
            o.XmlEncryptor = new AesGcmXmlEncryptor(keys);
        });

        services.AddAntiforgery(o =>
        {
            if (development) return;
            // __Host-: sent only over HTTPS, only to this host, for the whole site; no sibling domain can set it.
            o.Cookie.Name = "__Host-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        var oauthBase = app.Services.GetRequiredService<IOptions<WechatOptions>>().Value.OAuthBaseUrl;
        app.UseMiddleware<SecurityHeaders>(SecurityHeaders.Policy(app.Environment.IsDevelopment(), oauthBase));
        return app;
    }
}
