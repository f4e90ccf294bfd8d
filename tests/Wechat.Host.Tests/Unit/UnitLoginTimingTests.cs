using System.Diagnostics;
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
/// real operator with a wrong password and 6 ms for a made-up one (the hash ran only for a known operator).
/// </summary>
public sealed class UnitLoginTimingTests
{
    [Fact]
    public async Task AnUnknownOperatorTakesAsLongAsAWrongPasswordForAKnownOne()
    {
        await using var host = new FundHostFactory();
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

        async Task<double> MillisecondsAsync(string unit, string id)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.PostAsync("/unit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Dwzh"] = unit, ["IdNumber"] = id, ["Password"] = "Wrong-Guess-2026", ["__RequestVerificationToken"] = token,
            }));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return elapsed;
        }

        await MillisecondsAsync(dwzh, NewIdNumber());
        var known = new List<double>();
        var unknown = new List<double>();
        // Interleaved, four of each (five wrong passwords would lock the known operator and skip the hash); ten
        // posts in all, the per-address limit.
        for (var i = 0; i < 4; i++)
        {
            known.Add(await MillisecondsAsync(dwzh, idNumber));
            unknown.Add(await MillisecondsAsync(dwzh, NewIdNumber()));
        }
        // Before the fix a made-up operator answered in about a twentieth of the time; half is a wide margin.
        Assert.True(Median(unknown) >= 0.5 * Median(known), $"unknown {Median(unknown):0.0} ms, known {Median(known):0.0} ms");
    }

    private static string NewIdNumber()
    {
        var first17 = $"411595{new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        return first17 + Fund.Core.Validation.IdNumber.CheckCharacter(first17);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
