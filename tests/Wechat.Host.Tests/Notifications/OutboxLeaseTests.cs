using Dapper;
using Fund.Data;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Wechat.Host.Notifications;
using Wechat.Host.Tests.Security;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Types;
using WireMock.Util;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Host.Tests.Notifications;

/// <summary>
/// A batch's rows are begun only while their lease has time left for the send and its record: with WeChat slow, the
/// last rows of a batch would otherwise begin after another instance could lease them again, and be sent twice. A
/// database of its own, as in <see cref="OutboxDeliveryTests"/>: the sender takes every due row.
/// </summary>
public sealed class OutboxLeaseTests : IAsyncLifetime
{
    private readonly WireMockServer _wechat = WireMockServer.Start();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private FundHostFactory _factory = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host = null!;

    public async Task InitializeAsync()
    {
        var fund = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? FundHostFactory.TestDatabase)
        { Database = "wechatfund_delivery_lease_test" };
        _factory = new FundHostFactory
        {
            Overrides =
            {
                ["ConnectionStrings:Fund"] = fund.ConnectionString,
                ["Wechat:ApiBaseUrl"] = _wechat.Url,
                ["Wechat:AppId"] = "wxlease" + Guid.NewGuid().ToString("N")[..12],
                ["Notifications:BatchSize"] = "6",
                ["Notifications:Concurrency"] = "1",
            },
        };
        _host = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _ = _host.Server; // starts the host: migrations applied to the database of its own
        await using var conn = await Database.OpenAsync(default);
        await conn.ExecuteAsync("DELETE FROM notification_outbox");
        _wechat.Given(Request.Create().WithPath("/cgi-bin/stable_token").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"access_token":"LEASE_TOKEN","expires_in":7200}"""));
        // WeChat slow: each send takes 400 ms, and the instance sends one at a time. While the first send is under way
        // (as it arrives), the instance's clock passes the point where a row of its batch may still begin.
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/template/send").UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromMilliseconds(400)).WithCallback(_ =>
            {
                if (Interlocked.Increment(ref _arrived) == 1) _clock.Advance(NotificationDelivery.StartLimit + TimeSpan.FromSeconds(1));
                return new ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData { BodyAsString = """{"errcode":0,"errmsg":"ok","msgid":1}""", DetectedBodyType = BodyType.String },
                };
            }));
    }

    private int _arrived;

    private FundDatabase Database => _host.Services.GetRequiredService<FundDatabase>();

    private int Sends(string? openId = null) => _wechat.LogEntries.Count(e => e.RequestMessage.Path == "/cgi-bin/message/template/send"
        && (openId is null || e.RequestMessage.Body!.Contains($"\"touser\":\"{openId}\"", StringComparison.Ordinal)));

    [Fact]
    public async Task ARowNotBegunBeforeItsLeaseRunsDownIsHandedBackUnsentAndSentOnceLater()
    {
        var openIds = Enumerable.Range(0, 6).Select(i => $"lease-row-{i}").ToArray();
        await using (var conn = await Database.OpenAsync(default))
            foreach (var openId in openIds)
                await conn.ExecuteAsync("""
                    INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                    VALUES (@openId, 'ContributionReceived', '/h5/statement', '{"first":"到账"}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
                    """, new { openId });
        var delivery = _host.Services.GetRequiredService<NotificationDelivery>();

        await delivery.DeliverDueAsync(default);

        // One row was sent and recorded; the five not begun were handed back: unsent, no attempt spent, no lease.
        await using (var conn = await Database.OpenAsync(default))
        {
            var rows = (await conn.QueryAsync<(string OpenId, bool Sent, int Attempts, string? Token)>(
                "SELECT openid, sent_at IS NOT NULL, attempts, lease_token FROM notification_outbox")).ToList();
            Assert.Single(rows, r => r.Sent);
            Assert.Equal(1, Sends());
            Assert.All(rows.Where(r => !r.Sent), r => Assert.Equal((0, (string?)null), (r.Attempts, r.Token)));
            Assert.All(rows.Where(r => r.Sent), r => Assert.Equal((1, (string?)null), (r.Attempts, r.Token)));
            // Due again (here by the instance's clock, which ran ahead): the next round sends each once.
            await conn.ExecuteAsync("UPDATE notification_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE sent_at IS NULL");
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        await delivery.DeliverDueAsync(default);
        Assert.All(openIds, o => Assert.Equal(1, Sends(o)));
        await using (var conn = await Database.OpenAsync(default))
            Assert.Equal(6, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NOT NULL AND attempts = 1"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
        _wechat.Stop();
    }
}
