namespace Wechat.Host.Telemetry;

/// <summary><c>Telemetry:*</c> — metrics (on by default, read only from the management side) and traces (off by default).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Record and serve the metrics at <see cref="MetricsPath"/>; false leaves every meter unlistened (near-free).</summary>
    public bool Metrics { get; set; } = true;

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Comma-separated addresses, besides loopback, that may read <see cref="MetricsPath"/> directly (a Prometheus on
    /// another machine). Never through the reverse proxy: a request carrying any forwarding header is refused.
    /// </summary>
    public string MetricsAllowedAddresses { get; set; } = "";

    /// <summary>Where traces go (OTLP); empty: no traces are recorded at all.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318, path /v1/traces added when none is given).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The share of requests traced, 0–1 (parent-based: a traced caller's decision is kept).</summary>
    public double TraceSampleRatio { get; set; } = 1.0;
}
