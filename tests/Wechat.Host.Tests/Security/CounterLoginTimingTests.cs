using System.Net;

namespace Wechat.Host.Tests.Security;

/// <summary>
/// The counter login's answer time must not tell which usernames exist: an unknown name costs the same password-hash
/// work as a wrong password for a known one. Counted, not timed — the work is what makes the time, and a count does
/// not depend on how busy the machine is (a timed version failed a CI run with the browser tests beside it).
/// </summary>
public sealed class CounterLoginTimingTests
{
    [Fact]
    public async Task AnUnknownUsernameCostsTheSameHashWorkAsAWrongPasswordForAKnownOne()
    {
        var hasher = new CountingHasher();
        // A host of its own: its per-address limiter (ten a minute) then counts only these requests.
        await using var host = new CountingHasherHost(hasher);
        var known = await StaffAccounts.AddAsync(host.Services);
        using var client = StaffAccounts.Client(host);
        var token = await TokenAsync(client);

        async Task<int> VerificationsForAsync(string username)
        {
            var before = hasher.Verifications;
            var response = await client.PostAsync("/counter/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = username, ["Password"] = "Wrong-Guess-2026",
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
            return hasher.Verifications - before;
        }

        // Interleaved, three of each (five wrong passwords would lock the known name).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await VerificationsForAsync(known));
            Assert.Equal(1, await VerificationsForAsync("nobody" + Guid.NewGuid().ToString("N")[..10]));
        }
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/counter/login");
        return System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }
}
