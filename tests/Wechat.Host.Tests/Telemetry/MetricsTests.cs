using System.Net;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Security;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.H5;
using Wechat.Host.Sms;
using static Wechat.Host.Tests.Telemetry.MetricsScrape;
using static Wechat.Host.Tests.Wechat.SignedRequests;

namespace Wechat.Host.Tests.Telemetry;

/// <summary>The meter is one per process: these tests run alone, so each counter moves only by what the test did.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}

/// <summary>/metrics through the whole host, on the real MariaDB and Redis: each business event moves its counter.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(PeerHost host) : IClassFixture<PeerHost>
{
    private readonly HttpClient _scraper = host.Scraper();

    [Fact]
    public async Task APushAndItsRetryAreCountedByTypeOutcomeAndStoredReply()
    {
        var before = await ReadAsync(_scraper);
        var push = Click("demo-openid-1", "MY_ACCOUNT", UniqueCreateTime());
        var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SafeMode(push))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SafeMode(push))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/wechat?signature=x&timestamp=1&nonce=2", null)).StatusCode);

        (string, string)[] replied = [("type", "ClickEvent"), ("outcome", "reply")];
        (string, string)[] retried = [("store", "redis"), ("answer", "stored_reply")];
        (string, string)[] refused = [("type", "unread"), ("outcome", "refused_401")];
        var after = await UntilAsync(_scraper, t => Value(t, "wechatfund_wechat_pushes_total", replied) >= Value(before, "wechatfund_wechat_pushes_total", replied) + 2);
        Assert.Equal(Value(before, "wechatfund_wechat_pushes_total", replied) + 2, Value(after, "wechatfund_wechat_pushes_total", replied));
        Assert.Equal(Value(before, "wechatfund_wechat_dedup_retries_total", retried) + 1, Value(after, "wechatfund_wechat_dedup_retries_total", retried));
        Assert.Equal(Value(before, "wechatfund_wechat_pushes_total", refused) + 1, Value(after, "wechatfund_wechat_pushes_total", refused));
        // Redis is up: nothing went to the MariaDB fallback.
        Assert.Equal(Value(before, "wechatfund_wechat_dedup_fallback_total"), Value(after, "wechatfund_wechat_dedup_fallback_total"));
        // The request duration of /wechat by its route, from ASP.NET Core's own instrument.
        Assert.True(Value(after, "http_server_request_duration_seconds_count", ("http_route", "/wechat"), ("http_response_status_code", "200"))
            >= Value(before, "http_server_request_duration_seconds_count", ("http_route", "/wechat"), ("http_response_status_code", "200")) + 2);
        Assert.DoesNotContain("demo-openid-1", after);
    }

    [Fact]
    public async Task ACodeSentAndOneRefusedTooSoonAreCounted()
    {
        var before = await ReadAsync(_scraper);
        var codes = host.Services.GetRequiredService<ISmsCodes>();
        var phone = "139" + Random.Shared.Next(0, 99_999_999).ToString("00000000");
        var grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        var client = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(SmsSendOutcome.Sent, await codes.SendAsync(SmsPurpose.Register, grzh, phone, client, FundHostFactory.ClientAddress(), default));
        Assert.Equal(SmsSendOutcome.TooSoon, await codes.SendAsync(SmsPurpose.Register, grzh, phone, client, FundHostFactory.ClientAddress(), default));

        var after = await UntilAsync(_scraper, t => Value(t, "wechatfund_sms_refused_total", ("reason", "too_soon")) > Value(before, "wechatfund_sms_refused_total", ("reason", "too_soon")));
        Assert.Equal(Value(before, "wechatfund_sms_sent_total", ("purpose", "register")) + 1, Value(after, "wechatfund_sms_sent_total", ("purpose", "register")));
        Assert.Equal(Value(before, "wechatfund_sms_refused_total", ("reason", "too_soon")) + 1, Value(after, "wechatfund_sms_refused_total", ("reason", "too_soon")));
        Assert.Equal(Value(before, "wechatfund_sms_refused_total", ("reason", "daily_cap_reached")), Value(after, "wechatfund_sms_refused_total", ("reason", "daily_cap_reached")));
        Assert.DoesNotContain(phone, after);
    }

    [Fact]
    public async Task WrongPasswordsAndTheLockThatFollowsAreCountedByStepAndReason()
    {
        var before = await ReadAsync(_scraper);
        var guard = host.Services.GetRequiredService<SignInGuard>();
        var account = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        for (var i = 0; i < SignInRules.WrongPasswordsBeforeLock; i++)
        {
            var attempt = await guard.BeginAsync(SignInStep.Password, account, null, FundHostFactory.ClientAddress());
            Assert.True(attempt.Allowed);
            await guard.FailedAsync(attempt);
        }
        Assert.Equal(SignInVerdict.Locked, (await guard.BeginAsync(SignInStep.Password, account, null, FundHostFactory.ClientAddress())).Verdict);

        (string, string)[] wrong = [("step", "password"), ("reason", "wrong_proof")];
        (string, string)[] locked = [("step", "password"), ("reason", "locked")];
        var after = await UntilAsync(_scraper, t => Value(t, "wechatfund_signin_refused_total", locked) > Value(before, "wechatfund_signin_refused_total", locked));
        Assert.Equal(Value(before, "wechatfund_signin_refused_total", wrong) + SignInRules.WrongPasswordsBeforeLock, Value(after, "wechatfund_signin_refused_total", wrong));
        Assert.Equal(Value(before, "wechatfund_signin_refused_total", locked) + 1, Value(after, "wechatfund_signin_refused_total", locked));
        Assert.DoesNotContain(account, after);
    }

    [Fact]
    public async Task ARemittanceCountsOneBookingAndALedgerLinePerEmployee()
    {
        var (dwzh, who) = await NewEmployerWithEmployeesAsync(3);
        var before = await ReadAsync(_scraper);
        var (outcome, _) = await host.Services.GetRequiredService<RemittancePosting>()
            .PostAsync(dwzh, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 2), 3, 3 * 1440m, who, default);
        Assert.Equal(RemittanceOutcome.Posted, outcome);

        var after = await UntilAsync(_scraper, t => Value(t, "wechatfund_remittances_total") > Value(before, "wechatfund_remittances_total"));
        Assert.Equal(Value(before, "wechatfund_remittances_total") + 1, Value(after, "wechatfund_remittances_total"));
        // November remitted in December is a 补缴 (02), one line per employee.
        Assert.Equal(Value(before, "wechatfund_ledger_postings_total", ("business_type", "02")) + 3, Value(after, "wechatfund_ledger_postings_total", ("business_type", "02")));
        Assert.DoesNotContain(dwzh, after);
    }

    [Fact]
    public async Task TheOutboxGaugesShowARowAddedAndHowLongItHasWaited()
    {
        var db = host.Services.GetRequiredService<FundDatabase>();
        var before = await ReadAsync(_scraper);
        long id;
        await using (var conn = await db.OpenAsync(default))
        {
            // Queued 20 minutes ago and not due for a day: no sender takes it while the test looks.
            id = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO notification_outbox (openid, template_key, url, data, created_at, next_attempt_at)
                VALUES ('metrics-test', 'AccountSecurity', '/h5/account', '{}', UTC_TIMESTAMP() - INTERVAL 20 MINUTE, UTC_TIMESTAMP() + INTERVAL 1 DAY);
                SELECT LAST_INSERT_ID();
                """);
        }
        try
        {
            // The backlog counts every unsent row of wechatfund_test, which the other test projects write to at the
            // same time (a CI run saw +2): the row must show, and the gauge must agree with the table within what
            // those others did meanwhile.
            var backlogBefore = Value(before, "wechatfund_outbox_backlog");
            var oldestBefore = await OldestDueAgeAsync(db);
            var after = await UntilAsync(_scraper, t => Value(t, "wechatfund_outbox_backlog") > backlogBefore);
            await using (var count = await db.OpenAsync(default))
            {
                var unsent = await count.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL AND failed_at IS NULL");
                Assert.InRange(Value(after, "wechatfund_outbox_backlog"), unsent - 20, unsent + 20);
            }
            // The age is that of the oldest row due now: the test's row waits until tomorrow (a retry's back-off), so
            // it is in the backlog but not in the age; rows that other tests left due set the age, else it is 0. The
            // gauge read falls between the two reads of the table here, and the browser tests' host may send the
            // oldest due row between them: the gauge agrees with one of them.
            var oldestAfter = await OldestDueAgeAsync(db);
            Assert.InRange(Value(after, "wechatfund_outbox_oldest_age_seconds"),
                Math.Min(oldestBefore, oldestAfter) - 10, Math.Max(oldestBefore, oldestAfter) + 10);
        }
        finally
        {
            await using var conn = await db.OpenAsync(default);
            await conn.ExecuteAsync("DELETE FROM notification_outbox WHERE id = @id", new { id });
        }
    }

    private static async Task<double> OldestDueAgeAsync(FundDatabase db)
    {
        await using var conn = await db.OpenAsync(default);
        return await conn.ExecuteScalarAsync<double?>("""
            SELECT TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()) FROM notification_outbox
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()
            """) ?? 0;
    }

    private async Task<(string Dwzh, Transactor Who)> NewEmployerWithEmployeesAsync(int count)
    {
        var accounts = host.Services.GetRequiredService<MySqlAccountStore>();
        var dwzh = "4115096" + Random.Shared.Next(0, 100_000).ToString("00000");
        await accounts.UpsertEmployerAsync(new Employer(dwzh, "度量测试单位" + dwzh[^5..], "91411500MA4TEST002", AccountStatus.Normal, 0.12m, 0.12m), default);
        await using (var conn = await host.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE employer SET paid_up_to = '2026-10-01' WHERE dwzh = @dwzh", new { dwzh });
        var operatorId = await host.Services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, "测试专管员", NewIdNumber(),
            new PasswordHasher<string>().HashPassword(dwzh, "Unit@2026"), "test", default);
        var monthly = new ContributionBaseRules(2000m, 25000m, AmountRounding.Fen).Monthly(6000m, 0.12m, 0.12m);
        for (var i = 0; i < count; i++)
        {
            await accounts.InsertAsync(new PersonalAccount
            {
                Grzh = "47" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000"),
                Name = "职工" + "甲乙丙丁戊"[i % 5], IdNumber = NewIdNumber(),
                Phone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000"),
                Dwzh = dwzh, Status = AccountStatus.Normal, ContributionBase = 6000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
                PersonalMonthly = monthly.Personal, EmployerMonthly = monthly.Employer, Balance = 0m,
                PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2020, 1, 1),
            }, default);
        }
        return (dwzh, new Transactor(operatorId, "METRICSSERIAL" + Random.Shared.Next()));
    }

    private static string NewIdNumber()
    {
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1976, 1, 1).AddDays(Random.Shared.Next(0, 10000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
