using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// Two instances behind one proxy share nothing but MariaDB and Redis: the sign-in limits that protect accounts must
/// hold whichever instance answers (the attack found 19 of 25 burst sign-ins accepted through nginx with two instances).
/// </summary>
public sealed class SignInLimitsAcrossInstancesTests
{
    [Theory]
    [InlineData("/counter/login", "Username")]
    [InlineData("/unit", "Dwzh")]
    public async Task TenSignInsAMinutePerAddressHoldAcrossTwoInstances(string path, string field)
    {
        await using var first = new FundHostFactory();
        await using var second = new FundHostFactory();
        var address = FundHostFactory.ClientAddress();
        var clients = new[] { first, second }.Select(host =>
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return client;
        }).ToArray();
        var tokens = new List<string>();
        foreach (var client in clients)
        {
            var html = await client.GetStringAsync(path);
            tokens.Add(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Alternating instances, as nginx's round robin does; names that do not exist, so no account lock answers.
            var n = i % 2;
            var response = await clients[n].PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field] = field == "Dwzh" ? "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999) : "nobody" + Guid.NewGuid().ToString("N")[..8],
                ["IdNumber"] = "11010519491231002X", ["Password"] = "Wrong-Guess-2026",
                ["__RequestVerificationToken"] = tokens[n],
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[11]);
        foreach (var client in clients) client.Dispose();
    }
}
