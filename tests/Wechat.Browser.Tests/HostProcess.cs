using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wechat.Browser.Tests;

/// <summary>
/// The real host (src/Wechat.Host's build output of the same configuration as these tests) in Development on a free
/// loopback port, against the test database, with its OAuth2 pointed at its own dev stand-in.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string TestDatabase =
        "Server=127.0.0.1;Port=13306;User ID=fund;Password=fund-dev;Database=wechatfund_test;Character Set=utf8mb4";

    /// <summary>The scripts' test database (ConnectionStrings__Fund when it names wechatfund_test, so another port works).</summary>
    public static string Database =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Fund") is { Length: > 0 } fund
        && fund.Contains("wechatfund_test", StringComparison.Ordinal) ? fund : TestDatabase;

    private readonly Process process;
    public string BaseUrl { get; }

    private HostProcess(Process process, string baseUrl) => (this.process, BaseUrl) = (process, baseUrl);

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = Path.Combine(root, "src", "Wechat.Host");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "Wechat.Host.dll");
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ConnectionStrings__Fund"] = Database;
        start.Environment["Wechat__PublicBaseUrl"] = baseUrl;
        start.Environment["Wechat__OAuthBaseUrl"] = baseUrl + "/dev/oauth";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        // Drain the pipes so a chatty host never blocks on a full buffer; keep what it says (warnings and up) and how
        // it ended beside the screenshots, so a host that dies mid-run can be diagnosed.
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(ArtifactsDirectory(), "host.log"), append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => log.WriteLine($"{DateTime.UtcNow:O} host exited with code {process.ExitCode}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, baseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"host exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync(baseUrl + "/healthz")).StatusCode == HttpStatusCode.OK) return host;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        await host.DisposeAsync();
        throw new TimeoutException("host did not become healthy in 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WechatFund.sln"))) return dir.FullName;
        throw new InvalidOperationException("WechatFund.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Where the Development host keeps uploaded documents (Withdrawals:UploadPath's default).</summary>
    public static string UploadsDirectory() => Path.Combine(RepositoryRoot(), ".local", "uploads");

    public static string ArtifactsDirectory()
    {
        var dir = Path.Combine(RepositoryRoot(), ".local", "test-artifacts");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
