using System.Diagnostics;
using System.Net;

namespace Wechat.Host.Tests.Security;

/// <summary>The counter login's answer time must not tell which usernames exist.</summary>
public sealed class CounterLoginTimingTests
{
    [Fact]
    public async Task AnUnknownUsernameTakesAsLongAsAWrongPasswordForAKnownOne()
    {
        // A host of its own: its per-address limiter (ten a minute) then counts only these ten requests.
        await using var host = new FundHostFactory();
        var known = await StaffAccounts.AddAsync(host.Services);
        using var client = StaffAccounts.Client(host);
        // One token for all ten requests (the limit): it stays valid with the same antiforgery cookie.
        var token = await TokenAsync(client);

        async Task<double> MillisecondsAsync(string username)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.PostAsync("/counter/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = username, ["Password"] = "Wrong-Guess-2026",
                ["__RequestVerificationToken"] = token,
            }));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return elapsed;
        }

        await MillisecondsAsync("warm-up");
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        // Interleaved, four of each (five wrong passwords would lock the known name and skip the hash).
        for (var i = 0; i < 4; i++)
        {
            knownTimes.Add(await MillisecondsAsync(known));
            unknownTimes.Add(await MillisecondsAsync("nobody" + Guid.NewGuid().ToString("N")[..10]));
        }

        // Before the fix an unknown name answered in about an eighth of the time (no hash); now both do the same
        // PBKDF2 work. Half is a wide margin for a busy machine.
        Assert.True(Median(unknownTimes) >= 0.5 * Median(knownTimes),
            $"unknown {Median(unknownTimes):0.0} ms, known {Median(knownTimes):0.0} ms");
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/counter/login");
        return System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
