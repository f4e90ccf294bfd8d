using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Fund.Data;
using Fund.Data.Migrations;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Wechat.Host;

public static class HostExtensions
{
    public static IHostApplicationBuilder AddWechatFundHost(this IHostApplicationBuilder builder)
    {
        builder.AddFundData();
        builder.Services.AddRazorPages();
        // Razor would otherwise write every Chinese character as &#x…; — legal, but triples the page size.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static async Task<WebApplication> UseWechatFundHostAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            // Development keeps the schema current by itself; elsewhere `migrate` is a deliberate step.
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Lifetime.ApplicationStopping);
        }
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }
}
