using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Security;

/// <summary>Staff members made for one test, so locking, disabling or resetting them never disturbs the demo users.</summary>
internal static class StaffAccounts
{
    public const string Password = "Harbour-Lantern-47";

    public static async Task<string> AddAsync(IServiceProvider services, CounterRole role = CounterRole.Clerk)
    {
        var username = "t" + Guid.NewGuid().ToString("N")[..12];
        Assert.True(await services.GetRequiredService<CounterStaffStore>().AddAsync(
            new CounterStaff(username, "测试柜员", new PasswordHasher<string>().HashPassword(username, Password), role), "test", default));
        return username;
    }

    public static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
