using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// A Redis of this test's own, as a careful operator runs it: the default user off, one ACL user with a password
/// allowed only keys under the deployment's prefix. The host reaches it with <c>user=</c> and <c>password=</c> in
/// <c>ConnectionStrings:Redis</c>, and every key it touches lies under <c>Redis:KeyPrefix</c> (else NOPERM).
/// </summary>
public sealed class RedisWithAclTests : IAsyncLifetime
{
    private const string User = "wechatfund";
    private const string Password = "acl-test-password-9f2c";
    private const string Prefix = "acl-test";
    private readonly int port = FreePort();
    private DirectoryInfo folder = null!;
    private Process server = null!;

    public async Task InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("redis-acl-");
        var conf = Path.Combine(folder.FullName, "redis.conf");
        await File.WriteAllLinesAsync(conf,
        [
            $"port {port}", "bind 127.0.0.1", "save \"\"", "appendonly no", $"dir {folder.FullName}",
            "user default off",
            $"user {User} on >{Password} ~{Prefix}:* &{Prefix}:* +@all",
        ]);
        server = Process.Start(new ProcessStartInfo("redis-server", [conf]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("redis-server did not start");
        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("redis-server did not listen");
    }

    public async Task DisposeAsync()
    {
        if (!server.HasExited) server.Kill();
        await server.WaitForExitAsync();
        server.Dispose();
        folder.Delete(recursive: true);
    }

    private string Connection(string password) => $"127.0.0.1:{port},user={User},password={password},connectTimeout=15000,abortConnect=false";

    [Fact]
    public async Task TheHostWorksThroughAnAclUserLimitedToItsPrefix()
    {
        await using var host = new FundHostFactory { Overrides = { ["ConnectionStrings:Redis"] = Connection(Password), ["Redis:KeyPrefix"] = Prefix } };
        using var client = host.CreateClient();

        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        // A session, and the counter's login form (antiforgery: the Data Protection key ring in Redis).
        var sessions = host.Services.GetRequiredService<H5SessionStore>();
        var session = await sessions.CreateAsync("openid-acl-test");
        Assert.Equal("openid-acl-test", (await sessions.GetAsync(session.Id))?.OpenId);
        Assert.True((await client.GetAsync("/counter/login")).IsSuccessStatusCode);

        await using var direct = await ConnectionMultiplexer.ConnectAsync(Connection(Password));
        Assert.True(await direct.GetDatabase().KeyExistsAsync($"{Prefix}:h5:dataprotection:keys"));
        // The ACL is real: the same user may not touch a key outside the prefix.
        var refused = await Assert.ThrowsAsync<RedisServerException>(() => direct.GetDatabase().StringGetAsync("h5:session:" + session.Handle));
        Assert.Contains("NOPERM", refused.Message);
    }

    [Fact]
    public async Task AWrongPasswordLeavesRedisUnhealthy()
    {
        await using var host = new FundHostFactory { Overrides = { ["ConnectionStrings:Redis"] = Connection("wrong-password") + ",syncTimeout=1000,asyncTimeout=1000", ["Redis:KeyPrefix"] = Prefix } };
        using var client = host.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"redis\":{\"status\":\"Unhealthy\"", await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
