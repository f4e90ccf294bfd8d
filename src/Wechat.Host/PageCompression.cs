using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Wechat.Host;

/// <summary>
/// Response compression for the pages that hold nothing personal (issue 21, docs/deployment.md "Compression and
/// caching"). Static files need none of this: MapStaticAssets serves the Brotli and gzip copies made at build time.
/// </summary>
/// <remarks>
/// BREACH: an attacker who can make a victim's browser request a page many times with text of the attacker's choosing
/// reflected in it (a query string, a form value) can learn a secret on the same page from the compressed sizes. Every
/// signed-in H5 and hall page, the sign-in and registration forms, the counter console and the employer hall carry a
/// session's antiforgery token and personal data (names, ID numbers, balances), so they go uncompressed, over HTTPS as
/// over HTTP; they are small (a few KiB). Compressed are only the public 便民工具 (calculator, rates, outlets,
/// developments, guides) under /h5/tools and /hall/tools, an allow-list. The one secret that can appear there is the
/// signed-in hall's logout token, which ASP.NET Core's antiforgery encrypts afresh (random IV) in every response, so
/// no two responses share it and no guess can be confirmed by length.
/// </remarks>
public static class PageCompression
{
    public static IHostApplicationBuilder AddPageCompression(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            // The public pages are the same for everyone, so HTTPS (behind nginx, X-Forwarded-Proto) changes nothing.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a 60 KB calculator schedule shrinks to ~10 KB either way, for a fraction of the CPU of Optimal.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    public static WebApplication UsePageCompression(this WebApplication app)
    {
        app.UseWhen(context => MayCompress(context.Request.Path), branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>The 便民工具, an allow-list: the same for everyone, no session's data on them (see the remarks).</summary>
    public static bool MayCompress(PathString path) =>
        path.StartsWithSegments("/h5/tools") || path.StartsWithSegments("/hall/tools");
}
