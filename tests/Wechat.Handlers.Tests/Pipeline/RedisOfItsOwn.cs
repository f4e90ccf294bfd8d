using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>A redis-server of the test's own on a free port, to be killed mid-test without touching the shared one.</summary>
internal sealed class RedisOfItsOwn : IDisposable
{
    private readonly Process _process;

    private RedisOfItsOwn(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    /// <summary>
    /// A connection to a Redis that is up, connected before the test goes on: with <c>abortConnect=false</c> and the
    /// short timeouts an outage test needs, ConnectAsync may return before the first connect is through (a busy
    /// machine), and a push would then go to the fallback as if Redis were already away.
    /// </summary>
    public static async Task<StackExchange.Redis.ConnectionMultiplexer> ConnectedAsync(string configuration)
    {
        var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration);
        var waited = Stopwatch.StartNew();
        while (!connection.IsConnected && waited.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(20);
        if (connection.IsConnected) return connection;
        connection.Dispose();
        Assert.Fail($"Redis at {configuration} did not connect within 15 s");
        return null!;
    }

    public static RedisOfItsOwn Start(int? onPort = null)
    {
        var port = onPort ?? FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new RedisOfItsOwn(process, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        process.Kill();
        throw new InvalidOperationException("redis-server did not start");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>SIGKILL: no shutdown work, as a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
