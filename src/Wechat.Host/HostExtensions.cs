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
        builder.AddH5();
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
        app.UseH5();
        app.MapRazorPages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }
}
