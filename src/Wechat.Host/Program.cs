using Wechat.Host;

// A first argument that names a verb (migrate, seed, menu …) runs it and exits; otherwise the web host runs.
var verb = CliVerbs.Find(args);
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
// A build output (not a publish) finds wwwroot's compressed copies through its runtime manifest, which only
// Development reads by itself; scripts/cluster.sh runs Production from the build output (MapStaticAssets, issue 21).
if (!builder.Environment.IsDevelopment()
    && File.Exists(Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json")))
    builder.WebHost.UseStaticWebAssets();
builder.AddWechatFundHost();
var app = builder.Build();
if (verb is not null) return await verb.RunAsync(app, args[1..]);
// Outside Development: every missing or unsafe setting in one message, then exit 1 without serving anyone.
if (!Wechat.Host.Security.ProductionSettings.Check(app)) return 1;
await app.UseWechatFundHostAsync();
await app.RunAsync();
return 0;

/// <summary>Visible to the host tests' WebApplicationFactory.</summary>
public partial class Program;
