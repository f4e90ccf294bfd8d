using System.Net;
using Fund.Core.Accounts;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Unit;

/// <summary>
/// The employer hall's sign-in must not tell which 单位账号 + ID number pairs exist: the attack measured 113 ms for a
/// real operator with a wrong password and 6 ms for a made-up one (the hash ran only for a known operator). Now both
/// run the same password-hash work; counted, not timed (a timed check fails on a busy machine).
/// </summary>
public sealed class UnitLoginTimingTests
{
    [Fact]
    public async Task AnUnknownOperatorCostsTheSameHashWorkAsAWrongPasswordForAKnownOne()
    {
        var hasher = new Security.CountingHasher();
        await using var host = new Security.CountingHasherHost(hasher);
        var services = host.Services;
        var dwzh = "4115095" + Random.Shared.Next(0, 100_000).ToString("00000");
        await services.GetRequiredService<MySqlAccountStore>().UpsertEmployerAsync(
            new Employer(dwzh, "计时测试单位", "91411500MA4TEST005", AccountStatus.Normal, 0.12m, 0.12m), default);
        var idNumber = NewIdNumber();
        await services.GetRequiredService<EmployerOperatorStore>().UpsertAsync(dwzh, "计时测试专管员", idNumber,
            new PasswordHasher<string>().HashPassword(dwzh, "Unit@Test2026"), "test", default);

        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var html = await client.GetStringAsync("/unit");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        async Task<int> VerificationsForAsync(string unit, string id)
        {
            var before = hasher.Verifications;
            var response = await client.PostAsync("/unit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Dwzh"] = unit, ["IdNumber"] = id, ["Password"] = "Wrong-Guess-2026", ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return hasher.Verifications - before;
        }

        // Interleaved, three of each (five wrong passwords would lock the known operator and skip the hash).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await VerificationsForAsync(dwzh, idNumber));
            Assert.Equal(1, await VerificationsForAsync(dwzh, NewIdNumber()));
        }
    }

    private static string NewIdNumber()
    {
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + Fund.Core.Validation.IdNumber.CheckCharacter(first17);
    }
}
