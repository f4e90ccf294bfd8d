using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wechat.Host.Counter;

namespace Wechat.Host.Tests.Counter;

/// <summary>
/// The counter cookie's lifetime is decided in one place (CounterExtensions, from Counter:IdleMinutes): it used to be
/// registered as 8 hours and silently replaced elsewhere.
/// </summary>
public sealed class CounterCookieLifetimeTests
{
    [Fact]
    public void TheCounterCookieIdlesOutAfterCounterIdleMinutesAndSlides()
    {
        using var factory = new FundHostFactory { Overrides = { ["Counter:IdleMinutes"] = "17" } };
        var cookie = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CounterAuth.Scheme);

        Assert.Equal(TimeSpan.FromMinutes(17), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
        Assert.Equal(typeof(StaffCookieEvents), cookie.EventsType);
        Assert.Equal("/counter", cookie.Cookie.Path);
    }
}
