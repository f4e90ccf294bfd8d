using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Wechat.Host.Tests.Security;

namespace Wechat.Host.Tests.Edge;

/// <summary>
/// The public edge as deployed: Debian's nginx running deploy/nginx/wechatfund.conf (rewritten for this machine the way
/// scripts/cluster.sh rewrites it: ports, a self-signed certificate, the cache folder, no IPv6 or port-80 listeners) in
/// front of an upstream on loopback. The employer hall's port gets its own client CA.
/// </summary>
public sealed class NginxSite : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dir;

    public int Port { get; }
    public int HallPort { get; }
    /// <summary>A client certificate the hall's port accepts (issued by the CA written into the site).</summary>
    public X509Certificate2 OperatorCertificate { get; }

    private NginxSite(Process process, string dir, int port, int hallPort, X509Certificate2 operatorCertificate)
    {
        this.process = process;
        this.dir = dir;
        Port = port;
        HallPort = hallPort;
        OperatorCertificate = operatorCertificate;
    }

    public static async Task<NginxSite> StartAsync(int upstreamPort)
    {
        var dir = Directory.CreateTempSubdirectory("wechatfund-edge-").FullName;
        try
        {
            return await StartInAsync(dir, upstreamPort);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    private static async Task<NginxSite> StartInAsync(string dir, int upstreamPort)
    {
        foreach (var sub in new[] { "logs", "temp", "cache" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        var (port, hallPort) = (FreePort(), FreePort());

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        using var server = serverRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(Path.Combine(dir, "cert.pem"), server.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), serverKey.ExportPkcs8PrivateKeyPem());

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=edge test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        await File.WriteAllTextAsync(Path.Combine(dir, "employer-ca.pem"), ca.ExportCertificatePem());
        using var operatorKey = RSA.Create(2048);
        var operatorRequest = new CertificateRequest("CN=edge test operator", operatorKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        operatorRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = operatorRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4]);
        // Through PKCS#12 so that SslStream can use the key on Linux.
        var operatorCertificate = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(operatorKey).Export(X509ContentType.Pkcs12), null);

        await File.WriteAllTextAsync(Path.Combine(dir, "site.conf"), Site(dir, port, hallPort, upstreamPort));
        // As scripts/cluster.sh: workers run as this user (as root they would be nobody, who cannot write the cache here).
        var user = Environment.UserName;
        var userLine = user == "root" ? "user root root;" : "";
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            {{userLine}}
            daemon off;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log {{dir}}/logs/access.log;
                client_body_temp_path {{dir}}/temp/body;
                proxy_temp_path {{dir}}/temp/proxy;
                fastcgi_temp_path {{dir}}/temp/fastcgi;
                uwsgi_temp_path {{dir}}/temp/uwsgi;
                scgi_temp_path {{dir}}/temp/scgi;
                include {{dir}}/site.conf;
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = Process.Start(new ProcessStartInfo(nginx, ["-p", dir, "-c", Path.Combine(dir, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start nginx");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(dir, "logs", "error.log")));
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new NginxSite(process, dir, port, hallPort, operatorCertificate);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("nginx did not listen");
    }

    /// <summary>deploy/nginx/wechatfund.conf with this machine's ports, files and upstream, as scripts/cluster.sh writes it.</summary>
    private static string Site(string dir, int port, int hallPort, int upstreamPort)
    {
        var site = File.ReadAllText(Path.Combine(Repository.Root(), "deploy", "nginx", "wechatfund.conf"));
        site = Regex.Replace(site, @"^\s*listen \[::\].*\n", "", RegexOptions.Multiline);
        // The port-80 redirect: its own server block.
        site = Regex.Replace(site, @"^server \{\n    listen 80;.*?^\}\n", "", RegexOptions.Multiline | RegexOptions.Singleline);
        site = Regex.Replace(site, @"^\s*server 127\.0\.0\.1:518\d .*\n", "", RegexOptions.Multiline);
        site = Regex.Replace(site, @"^(upstream wechatfund_\w+ \{\n)", $"$1    server 127.0.0.1:{upstreamPort} max_fails=2 fail_timeout=5s;\n",
            RegexOptions.Multiline);
        return site
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{port} ssl http2;", StringComparison.Ordinal)
            .Replace("listen 8444 ssl http2;", $"listen 127.0.0.1:{hallPort} ssl http2;", StringComparison.Ordinal)
            .Replace("/etc/ssl/wechatfund/fullchain.pem", Path.Combine(dir, "cert.pem"), StringComparison.Ordinal)
            .Replace("/etc/ssl/wechatfund/privkey.pem", Path.Combine(dir, "key.pem"), StringComparison.Ordinal)
            .Replace("/etc/ssl/wechatfund/employer-ca.pem", Path.Combine(dir, "employer-ca.pem"), StringComparison.Ordinal)
            .Replace("    # proxy_bind 10.0.0.5;", "    proxy_bind 127.0.0.2;", StringComparison.Ordinal)
            .Replace("/var/cache/nginx/wechatfund ", Path.Combine(dir, "cache") + " ", StringComparison.Ordinal);
    }

    /// <summary>One request written byte for byte (the request line as given), over TLS to the public port or the hall's.</summary>
    public Task<RawResponse> SendAsync(string target, params (string Name, string Value)[] headers) =>
        RawHttp.SendAsync(Port, target, headers, tls: true, clientCertificate: null);

    public Task<RawResponse> SendToHallAsync(string target, params (string Name, string Value)[] headers) =>
        RawHttp.SendAsync(HallPort, target, headers, tls: true, clientCertificate: OperatorCertificate);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        OperatorCertificate.Dispose();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record RawResponse(int Status, string Head, string Body)
{
    public bool HasMetrics => Body.Contains("wechatfund_", StringComparison.Ordinal) || Body.Contains("# TYPE ", StringComparison.Ordinal);
}

/// <summary>HTTP/1.1 written by hand, so that request lines no client library would send (a '#', dot segments) go out as they are.</summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(int port, string target, (string Name, string Value)[] headers, bool tls,
        X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        Stream stream = tcp.GetStream();
        if (tls)
        {
            var ssl = new SslStream(stream, false, (_, _, _, _) => true);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            });
            stream = ssl;
        }
        var request = new StringBuilder($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers) request.Append(name).Append(": ").Append(value).Append("\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        using var buffer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await stream.CopyToAsync(buffer, timeout.Token);
        }
        catch (IOException) when (buffer.Length > 0)
        {
            // A TLS peer that closes without close_notify: what arrived is the answer.
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var status = head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var s) ? s : 0;
        return new RawResponse(status, head, body);
    }
}

/// <summary>An upstream that answers every request with the request head it received (what nginx passed on).</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public EchoUpstream()
    {
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                _ = Task.Run(() => AnswerAsync(client));
            }
        });
    }

    private static async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
                head.Append((char)one[0]);
            var body = Encoding.UTF8.GetBytes(head.ToString());
            var answer = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nCache-Control: no-store\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
            await stream.WriteAsync(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await loop; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}

/// <summary>The built host in Production on a loopback port of its own, as scripts/cluster.sh runs each instance.</summary>
public sealed class ProductionInstance : IAsyncDisposable
{
    private readonly Process process;
    public int Port { get; }

    private ProductionInstance(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static async Task<ProductionInstance> StartAsync()
    {
        var port = NginxSite.FreePort();
        var settings = ProductionSettingsTests.Good();
        // As cluster.sh: nginx on loopback and the hall's own address are the believed proxies.
        settings["ForwardedHeaders__KnownProxies"] = "127.0.0.1,127.0.0.2";
        var process = await HostCommand.ServeAsync("Production", settings, $"http://127.0.0.1:{port}");
        return new ProductionInstance(process, port);
    }

    /// <summary>Straight to the instance, as a process on its machine would connect (no proxy, no TLS).</summary>
    public Task<RawResponse> SendAsync(string target, params (string Name, string Value)[] headers) =>
        RawHttp.SendAsync(Port, target, headers, tls: false, clientCertificate: null);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) return dir.FullName;
        throw new InvalidOperationException("WechatFund.sln not found above " + AppContext.BaseDirectory);
    }
}
