using System.Diagnostics;
using System.Net;
using Fund.Core.Telemetry;
using Fund.Data.Stores;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Wechat.Host.Telemetry;

/// <summary>
/// Metrics in Prometheus format at <c>/metrics</c> for the centre's own monitoring (never through the public site), and
/// traces over OTLP when an endpoint is configured. docs/operations.md (Metrics and traces) lists what is measured.
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        if (!options.Metrics && string.IsNullOrWhiteSpace(options.OtlpEndpoint)) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("wechatfund", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()));
        if (options.Metrics)
        {
            builder.Services.AddSingleton<OutboxLevelGauge>();
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(FundMetrics.MeterName)
                // ASP.NET Core's http.server.request.duration by route (the template, never the path), method and status,
                // and Kestrel's connections. Not the framework's other meters (routing, authentication, memory pool):
                // they answer no operator's question and some count every buffer rented, on every request.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeEndpointPath = TelemetryOptions.MetricsPath));
        }
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.TraceSampleRatio, 0, 1))))
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path))
                .AddSource("MySqlConnector")
                .AddProcessor(new PersonalDataScrubber())
                .AddOtlpExporter(o =>
                {
                    var http = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase);
                    o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    var endpoint = new Uri(options.OtlpEndpoint);
                    o.Endpoint = http && endpoint.AbsolutePath == "/" ? new Uri(endpoint, "v1/traces") : endpoint;
                }));
        }
        return builder;
    }

    /// <summary>
    /// First in the pipeline, before forwarded headers are believed: <c>/metrics</c> answers only a caller connected
    /// from loopback (or a listed address) with no forwarding header at all, so nothing that came through nginx —
    /// whose site sets X-Forwarded-For on every request — can read it, and no header can claim to be local.
    /// </summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        var allowed = options.MetricsAllowedAddresses
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse).ToHashSet();
        app.Use((context, next) =>
        {
            if (!context.Request.Path.Equals(TelemetryOptions.MetricsPath, StringComparison.OrdinalIgnoreCase)) return next(context);
            if (options.Metrics && MayReadMetrics(context, allowed)) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        if (options.Metrics)
        {
            var gauge = app.Services.GetRequiredService<OutboxLevelGauge>();
            var registration = FundMetrics.ObserveOutbox(gauge.Read);
            app.Lifetime.ApplicationStopped.Register(registration.Dispose);
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path.Equals(TelemetryOptions.MetricsPath, StringComparison.OrdinalIgnoreCase));
        }
        return app;
    }

    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Forwarded"];

    internal static bool MayReadMetrics(HttpContext context, IReadOnlySet<IPAddress> allowed)
    {
        if (ForwardingHeaders.Any(context.Request.Headers.ContainsKey)) return false;
        if (!AsksLiterally(context)) return false;
        if (context.Connection.RemoteIpAddress is not { } peer) return false;
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        return IPAddress.IsLoopback(peer) || allowed.Contains(peer);
    }

    /// <summary>
    /// The request line itself must say <c>/metrics</c> (a query may follow), as Prometheus sends it. Kestrel resolves
    /// dot segments and percent-encoding — and takes a '#' as part of the path — so <c>/css/x#/../../metrics</c> reaches
    /// this path too, while a proxy in front matched it as <c>/css/x</c> and passed it on without its forwarding headers
    /// (the attack run found nginx's static locations did exactly that). No path a proxy could match as another is the
    /// metrics.
    /// </summary>
    internal static bool AsksLiterally(HttpContext context)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        // The in-process test server has no request line; Kestrel always sets it.
        if (string.IsNullOrEmpty(raw)) return true;
        var query = raw.IndexOf('?');
        var path = query < 0 ? raw : raw[..query];
        return string.Equals(path, TelemetryOptions.MetricsPath, StringComparison.Ordinal) && !raw.Contains('#');
    }

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(TelemetryOptions.MetricsPath) || path.StartsWithSegments("/ping") || path.StartsWithSegments("/healthz");
}

/// <summary>
/// Takes out of every span, before it is exported, what could carry a citizen's data: the query string (WeChat signs
/// /wechat with the OpenID in it; H5 pages may carry codes and states), the full URL, the raw path (replaced by the
/// route template, e.g. <c>/verify/{token?}</c>) and the client's address.
/// </summary>
internal sealed class PersonalDataScrubber : BaseProcessor<Activity>
{
    private static readonly string[] Dropped = ["url.query", "url.full", "http.target", "http.url", "client.address", "client.port",
        "network.peer.address", "network.peer.port", "http.client_ip", "enduser.id"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in Dropped) activity.SetTag(tag, null);
        // A status description is free text (MySqlConnector puts an exception's message there for anything but a
        // MariaDB error); the status itself and error.type say what failed.
        if (activity.Status == ActivityStatusCode.Error && activity.StatusDescription is not null) activity.SetStatus(ActivityStatusCode.Error);
        if (activity.GetTagItem("url.path") is not null)
            activity.SetTag("url.path", activity.GetTagItem("http.route") is string route ? route : null);
    }
}
