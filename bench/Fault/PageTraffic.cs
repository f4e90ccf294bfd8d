using System.Net;
using System.Web;

namespace Fault;

/// <summary>
/// Citizens' H5 sessions, signed in the way WeChat signs them in (the host's OAuth redirect, answered by the
/// stand-in), and steady page views on them. A view is good when it is the page (200) or, while a server is away,
/// the host's or nginx's clear 503 page; a redirect back to sign-in means the session was lost.
/// </summary>
internal sealed class PageTraffic(Cluster cluster, Tally tally)
{
    private const string Kind = "h5";
    public const string UnavailableTitle = "服务暂时不可用";

    /// <summary>Signs <paramref name="openId"/> in; returns a client that carries the session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string openId)
    {
        var jar = new CookieContainer();
        var http = cluster.Client(jar, http2: true);
        // Right after a server restart an instance's pooled connections may still be the dead ones: each answers one
        // clear 503 before it is replaced. A citizen reloads; so does this.
        var first = await http.GetAsync("h5/account");
        for (var i = 0; i < 20 && first.StatusCode == HttpStatusCode.ServiceUnavailable; i++)
        {
            first.Dispose();
            await Task.Delay(250);
            first = await http.GetAsync("h5/account");
        }
        using var _ = first;
        if (first.StatusCode != HttpStatusCode.Redirect || first.Headers.Location is not { } authorize)
            throw new InvalidOperationException($"/h5/account without a session answered {(int)first.StatusCode}, not the OAuth redirect");
        var query = HttpUtility.ParseQueryString(authorize.Query);
        // The stand-in speaks HTTPS with the cluster's certificate, like nginx.
        using var standIn = cluster.Client();
        var pick = new UriBuilder(authorize) { Path = "/standin/pick", Fragment = "",
            Query = $"openid={Uri.EscapeDataString(openId)}&redirect_uri={Uri.EscapeDataString(query["redirect_uri"]!)}&state={Uri.EscapeDataString(query["state"]!)}" };
        using var picked = await standIn.GetAsync(pick.Uri);
        using var callback = await http.GetAsync(picked.Headers.Location);
        using var page = await http.GetAsync("h5/account");
        if (page.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{openId} could not sign in: /h5/account answered {(int)page.StatusCode}");
        return http;
    }

    /// <summary><paramref name="rate"/> page views a second, round-robin over the sessions.</summary>
    public Task RunAsync(IReadOnlyList<HttpClient> sessions, double rate, CancellationToken stop) =>
        Pacer.RunAsync(rate, n => ViewAsync(sessions[n % sessions.Count]), stop);

    private async Task ViewAsync(HttpClient http)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await http.GetAsync("h5/account");
            var html = await response.Content.ReadAsStringAsync();
            tally.Time(Kind, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when html.Contains("个人账号", StringComparison.Ordinal):
                    tally.Count(Kind, "page");
                    break;
                case HttpStatusCode.ServiceUnavailable when html.Contains(UnavailableTitle, StringComparison.Ordinal):
                    tally.Count(Kind, "clear 503");
                    break;
                case HttpStatusCode.Redirect when response.Headers.Location?.AbsolutePath.Contains("oauth2", StringComparison.Ordinal) == true:
                    tally.Bad(Kind, "session lost: sent to sign in again");
                    break;
                default:
                    tally.Bad(Kind, $"{(int)response.StatusCode} {PushTraffic.Snippet(html)}");
                    break;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            tally.Bad(Kind, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
