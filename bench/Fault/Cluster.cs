using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fault;

/// <summary>
/// The cluster scripts/cluster.sh runs: its generated settings (root-only env file), its certificate, and the
/// script's verbs to kill, stop and start instances and servers.
/// </summary>
internal sealed class Cluster
{
    public Cluster(string root)
    {
        Root = root;
        Directory = Path.Combine(root, ".local", "cluster");
        Settings = ReadEnvFile(Path.Combine(Directory, "cluster.env"));
        PublicUrl = new Uri(Settings["Wechat__PublicBaseUrl"].TrimEnd('/') + "/");
        if (!IPAddress.TryParse(PublicUrl.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new InvalidOperationException("the fault tool only aims at a cluster on this machine");
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Directory, "tls", "cert.pem")));
    }

    public string Root { get; }
    public string Directory { get; }
    public IReadOnlyDictionary<string, string> Settings { get; }
    public Uri PublicUrl { get; }
    public X509Certificate2 Certificate { get; }

    /// <summary>The settings as configuration keys (Section:Key) for Fund.Data.</summary>
    public Dictionary<string, string?> Configuration() =>
        Settings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);

    /// <summary>A client for nginx that trusts exactly the cluster's self-signed certificate.</summary>
    /// <remarks>
    /// <paramref name="http2"/>: one multiplexed connection, as a citizen's browser talks to nginx. Otherwise HTTP/1.1, as
    /// WeChat's servers push, with at most <paramref name="maxConnections"/> connections: under an open-loop load a slow
    /// answer would otherwise open one more connection per waiting request, until nginx's worker_connections run out.
    /// </remarks>
    public HttpClient Client(CookieContainer? cookies = null, TimeSpan? timeout = null, Uri? baseAddress = null,
        X509Certificate2? clientCertificate = null, bool http2 = false, int maxConnections = 64)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = maxConnections,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString(),
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = baseAddress ?? PublicUrl, Timeout = timeout ?? TimeSpan.FromSeconds(15),
            DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>nginx's port for the employer hall (mutual TLS): the public port + 1, as scripts/cluster.sh serves it.</summary>
    public Uri HallUrl => new($"https://{PublicUrl.Host}:{PublicUrl.Port + 1}/");

    /// <summary>The host instances' loopback ports, from their log files' names.</summary>
    public IReadOnlyList<int> InstancePorts =>
        [.. HostLogs().Select(f => System.Text.RegularExpressions.Regex.Match(f, @"host-(\d+)\.log$").Groups[1].Value).Where(p => p.Length > 0).Select(int.Parse)];

    /// <summary>Runs scripts/cluster.sh with a verb; throws when it fails.</summary>
    public async Task RunAsync(params string[] verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "scripts", "cluster.sh"), .. verb])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', verb)} failed: {await stderr}");
    }

    /// <summary>Runs another script of scripts/ with arguments; throws when it fails.</summary>
    public async Task RunScriptAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "scripts", script), .. args])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed: {await stderr}");
    }

    public IEnumerable<string> HostLogs() => System.IO.Directory.EnumerateFiles(Directory, "host-*.log");

    public string StandInRecord => Path.Combine(Directory, "standin.jsonl");

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0) continue;
            settings[line[..eq]] = line[(eq + 1)..].Trim('\'');
        }
        return settings;
    }
}
