using Dapper;
using Fund.Data;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Wechat.Host.Notifications;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Host.Tests.Notifications;

/// <summary>
/// The outbox sender against WeChat answering as it does on a busy day: accepted, 43004 (unfollowed), -1 (busy) and
/// 45009 (quota spent). Runs in a database of its own: the sender takes every due row, and other tests' rows in
/// wechatfund_test must not be sent from under them.
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly WireMockServer _wechat = WireMockServer.Start();
    private FundHostFactory _host = null!;

    public async Task InitializeAsync()
    {
        var fund = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Fund") ?? FundHostFactory.TestDatabase)
        { Database = "wechatfund_delivery_test" };
        _host = new FundHostFactory
        {
            Overrides =
            {
                ["ConnectionStrings:Fund"] = fund.ConnectionString,
                ["Wechat:ApiBaseUrl"] = _wechat.Url,
                ["Wechat:AppId"] = "wxtest" + Guid.NewGuid().ToString("N")[..12],
                ["Notifications:BatchSize"] = "7",
                ["Notifications:Concurrency"] = "4",
                ["Notifications:BusyRetrySeconds"] = "5",
                ["Notifications:QuotaPauseSeconds"] = "60",
            },
        };
        _ = _host.Server; // starts the host: migrations applied to the database of its own
        await using var conn = await _host.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        await conn.ExecuteAsync("DELETE FROM notification_outbox");
        _wechat.Given(Request.Create().WithPath("/cgi-bin/stable_token").UsingPost())
            .RespondWith(Json("""{"access_token":"DELIVERY_TOKEN","expires_in":7200}"""));
    }

    private static IResponseBuilder Json(string body) => Response.Create().WithHeader("Content-Type", "application/json").WithBody(body);

    private void Answer(string openId, string body) =>
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/template/send").UsingPost()
                .WithBody(new WildcardMatcher($"*\"touser\":\"{openId}\"*")))
            .AtPriority(1).RespondWith(Json(body));

    private async Task QueueAsync(params string[] openIds)
    {
        await using var conn = await _host.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        foreach (var openId in openIds)
            await conn.ExecuteAsync("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                VALUES (@openId, 'ContributionReceived', '/h5/statement', '{"first":"到账"}', UTC_TIMESTAMP(), UTC_TIMESTAMP())
                """, new { openId });
    }

    /// <param name="since">What DueInSeconds counts from: a moment taken before the delivery (<see cref="DbNowAsync"/>), so
    /// however long the delivery and this read took, a row's due time is compared with a fixed point; now when null.</param>
    private async Task<Dictionary<string, (bool Sent, bool Failed, int Attempts, string? Error, double DueInSeconds, string? Token)>> RowsAsync(
        DateTime? since = null)
    {
        await using var conn = await _host.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        return (await conn.QueryAsync<(string OpenId, bool Sent, bool Failed, int Attempts, string? Error, double DueIn, string? Token)>("""
            SELECT openid, sent_at IS NOT NULL, failed_at IS NOT NULL, attempts, last_error,
                   TIMESTAMPDIFF(SECOND, COALESCE(@since, UTC_TIMESTAMP()), next_attempt_at), lease_token
              FROM notification_outbox
            """, new { since })).ToDictionary(r => r.OpenId, r => (r.Sent, r.Failed, r.Attempts, r.Error, r.DueIn, r.Token));
    }

    private async Task<DateTime> DbNowAsync()
    {
        await using var conn = await _host.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        return await conn.ExecuteScalarAsync<DateTime>("SELECT UTC_TIMESTAMP(3)");
    }

    private int SendsTo(string openId) => _wechat.LogEntries.Count(e =>
        e.RequestMessage.Path == "/cgi-bin/message/template/send" && e.RequestMessage.Body!.Contains($"\"touser\":\"{openId}\"", StringComparison.Ordinal));

    [Fact]
    public async Task EachRowIsSentOnceOrGivenUpOrRetriedAsWechatAnswers()
    {
        var accepted = Enumerable.Range(0, 30).Select(i => $"deliver-ok-{i}").ToArray();
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/template/send").UsingPost()).AtPriority(10)
            .RespondWith(Json("""{"errcode":0,"errmsg":"ok","msgid":1}""").WithDelay(TimeSpan.FromMilliseconds(50)));
        Answer("deliver-gone", """{"errcode":43004,"errmsg":"require subscribe"}""");
        Answer("deliver-busy", """{"errcode":-1,"errmsg":"system error"}""");
        await QueueAsync(accepted);
        await QueueAsync("deliver-gone", "deliver-busy");
        var before = await DbNowAsync();

        await _host.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(default);

        var took = (await DbNowAsync() - before).TotalSeconds;
        var rows = await RowsAsync(since: before);
        // Accepted: sent once, recorded once, the lease cleared.
        Assert.All(accepted, o => Assert.Equal((true, false, 1, (string?)null, (string?)null),
            (rows[o].Sent, rows[o].Failed, rows[o].Attempts, rows[o].Error, rows[o].Token)));
        Assert.All(accepted, o => Assert.Equal(1, SendsTo(o)));
        // 43004: given up at the first answer, with the reason; never tried again.
        Assert.Equal((false, true, 1, "errcode 43004: require subscribe"), (rows["deliver-gone"].Sent, rows["deliver-gone"].Failed,
            rows["deliver-gone"].Attempts, rows["deliver-gone"].Error));
        Assert.Equal(1, SendsTo("deliver-gone"));
        // -1: an attempt counted, due again after the busy back-off (5 s from its answer, which came during the
        // delivery: whole seconds stored), not given up.
        var busy = rows["deliver-busy"];
        Assert.Equal((false, false, 1, "errcode -1: system error"), (busy.Sent, busy.Failed, busy.Attempts, busy.Error));
        Assert.InRange(busy.DueInSeconds, 3, 6 + took);
    }

    [Fact]
    public async Task QuotaSpentPausesTheSenderAndHandsRowsBackWithoutSpendingAttempts()
    {
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/template/send").UsingPost()).AtPriority(10)
            .RespondWith(Json("""{"errcode":45009,"errmsg":"reach max api daily quota limit"}"""));
        await QueueAsync("deliver-quota-1", "deliver-quota-2", "deliver-quota-3");
        var delivery = _host.Services.GetRequiredService<NotificationDelivery>();
        var (before, beforeHere) = (await DbNowAsync(), DateTime.UtcNow);

        await delivery.DeliverDueAsync(default);

        var took = (await DbNowAsync() - before).TotalSeconds;
        Assert.True(delivery.PausedUntil > beforeHere.AddSeconds(55), "45009 did not pause the sender");
        var rows = await RowsAsync(since: before);
        Assert.All(rows.Values, r => Assert.Equal((false, false, 0, (string?)null), (r.Sent, r.Failed, r.Attempts, r.Token)));
        Assert.All(rows.Values, r => Assert.InRange(r.DueInSeconds, 55, 61 + took));
        // The rest of the batch was handed back unsent once the pause began: at most the sends already under way.
        var calls = _wechat.LogEntries.Count(e => e.RequestMessage.Path == "/cgi-bin/message/template/send");
        Assert.InRange(calls, 1, 3);

        // While paused, a newly due row is not sent either.
        await QueueAsync("deliver-after-pause");
        await delivery.DeliverDueAsync(default);
        Assert.Equal(0, SendsTo("deliver-after-pause"));
        Assert.False((await RowsAsync())["deliver-after-pause"].Sent);
    }

    [Fact]
    public async Task EachAcceptedDaozhangNoticeRecordsHowLongAfterItsRemittanceItArrived()
    {
        _wechat.Given(Request.Create().WithPath("/cgi-bin/message/template/send").UsingPost()).AtPriority(10)
            .RespondWith(Json("""{"errcode":0,"errmsg":"ok","msgid":1}"""));
        Answer("latency-gone", """{"errcode":43004,"errmsg":"require subscribe"}""");
        var recorded = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Fund.Core.Telemetry.FundMetrics.MeterName && instrument.Name == Fund.Core.Telemetry.FundMetrics.RemittanceNoticeLatency)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => recorded.Add(value));
        listener.Start();
        await using (var conn = await _host.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
        {
            // Two 到账 notices whose remittance committed 90 s ago, one refused by WeChat, one of another kind 500 s old.
            await conn.ExecuteAsync("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at) VALUES
                  ('latency-1', 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP() - INTERVAL 90 SECOND, UTC_TIMESTAMP()),
                  ('latency-2', 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP() - INTERVAL 90 SECOND, UTC_TIMESTAMP()),
                  ('latency-gone', 'ContributionReceived', '/h5/statement', '{}', UTC_TIMESTAMP() - INTERVAL 700 SECOND, UTC_TIMESTAMP()),
                  ('latency-other', 'AccountSecurity', '/h5/account', '{}', UTC_TIMESTAMP() - INTERVAL 500 SECOND, UTC_TIMESTAMP())
                """);
        }

        await _host.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(default);

        // Other tests of this process may record too: look for these rows' values only.
        Assert.Equal(2, recorded.Count(v => v is >= 89 and < 100));
        Assert.DoesNotContain(recorded, v => v is >= 499 and < 520);
        Assert.DoesNotContain(recorded, v => v is >= 699 and < 720);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _wechat.Stop();
    }
}
