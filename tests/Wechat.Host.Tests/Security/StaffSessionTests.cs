using System.Net;
using Dapper;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.Tests.Counter;

namespace Wechat.Host.Tests.Security;

/// <summary>A signed-in staff cookie is only as good as the staff row behind it, and never older than the absolute lifetime.</summary>
public sealed class StaffSessionTests : IAsyncLifetime
{
    // A host per test: the login's per-address limiter (ten a minute) would otherwise turn the later sign-ins away.
    private readonly FundHostFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private static async Task<HttpClient> SignedInAsync(FundHostFactory host, string username)
    {
        var client = StaffAccounts.Client(host);
        var response = await new CounterSession(client).PostFormAsync("/counter/login", "/counter/login",
            new() { ["Username"] = username, ["Password"] = StaffAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counter")).StatusCode);
        return client;
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var response = await client.GetAsync("/counter");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/counter/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ADisabledMembersCookieStopsWorkingAtTheNextRequest()
    {
        var username = await StaffAccounts.AddAsync(factory.Services);
        using var client = await SignedInAsync(factory, username);

        Assert.True(await factory.Services.GetRequiredService<CounterStaffStore>().SetEnabledAsync(username, false, "test", default));

        await AssertSignedOutAsync(client);
        var audit = await factory.Services.GetRequiredService<AuditTrail>().ForTargetAsync(CounterStaffStore.Target(username), default);
        Assert.Contains(audit, e => e.Action == "staff.disable");
    }

    [Fact]
    public async Task ADisabledMemberCannotSignInEvenWithTheRightPassword()
    {
        var username = await StaffAccounts.AddAsync(factory.Services);
        await factory.Services.GetRequiredService<CounterStaffStore>().SetEnabledAsync(username, false, "test", default);
        using var client = StaffAccounts.Client(factory);

        var response = await new CounterSession(client).PostFormAsync("/counter/login", "/counter/login",
            new() { ["Username"] = username, ["Password"] = StaffAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ADeletedMembersCookieStopsWorking()
    {
        var username = await StaffAccounts.AddAsync(factory.Services);
        using var client = await SignedInAsync(factory, username);

        await using (var conn = await factory.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("DELETE FROM counter_staff WHERE username = @username", new { username });

        await AssertSignedOutAsync(client);
        var refusals = await factory.Services.GetRequiredService<AuditTrail>().ForTargetAsync("counter", default);
        Assert.Contains(refusals, e => e.Actor == "staff:" + username && e.Action == "staff.session-refused" && e.Detail == "no such member");
    }

    [Fact]
    public async Task ARoleTakenAwaySignsTheSupervisorOut()
    {
        var username = await StaffAccounts.AddAsync(factory.Services, CounterRole.Supervisor);
        using var client = await SignedInAsync(factory, username);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counter/loans")).StatusCode);

        // Only the role changes here, not the stamp: the role claim itself is re-checked.
        await using (var conn = await factory.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE counter_staff SET role = 'clerk' WHERE username = @username", new { username });

        await AssertSignedOutAsync(client);
    }

    [Fact]
    public async Task ANewPasswordSignsTheMemberOutEverywhere()
    {
        var username = await StaffAccounts.AddAsync(factory.Services);
        using var desk = await SignedInAsync(factory, username);
        using var laptop = await SignedInAsync(factory, username);

        Assert.True(await factory.Services.GetRequiredService<CounterStaffStore>().ResetPasswordAsync(username,
            new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword(username, "Another-Harbour-58"), "test", default));

        await AssertSignedOutAsync(desk);
        await AssertSignedOutAsync(laptop);
    }

    [Fact]
    public async Task ACookieKeptBusyStillEndsAtTheAbsoluteLifetime()
    {
        await using var clocked = new ClockedHostFactory();
        var username = await StaffAccounts.AddAsync(clocked.Services);
        using var client = await SignedInAsync(clocked, username);

        // A request every 20 minutes keeps the 30-minute sliding cookie alive for the whole working day …
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(9 * 60 + 40); elapsed += TimeSpan.FromMinutes(20))
        {
            clocked.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/counter")).StatusCode);
        }
        // … but not past ten hours after signing in, though the last request was only 25 minutes ago.
        clocked.Clock.Advance(TimeSpan.FromMinutes(25));
        await AssertSignedOutAsync(client);
    }

    private sealed class ClockedHostFactory : FundHostFactory
    {
        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }
}
