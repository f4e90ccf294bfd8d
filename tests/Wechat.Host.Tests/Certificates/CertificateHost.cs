using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Host.H5;

namespace Wechat.Host.Tests.Certificates;

/// <summary>
/// The Development host with room for many certificates a day and many /verify views a minute: the tests issue and
/// verify more than a citizen would, all from the test server's one address. The Production host keeps the defaults.
/// </summary>
public sealed class CertificateHost : FundHostFactory
{
    public CertificateHost()
    {
        Overrides["Certificates:MaxPerDay"] = "100";
        Overrides["Certificates:VerifyViewsPerMinute"] = "10000";
    }
}

/// <summary>Signed-in citizens, anonymous readers and form posts against a host.</summary>
internal static class CertificateClients
{
    /// <summary>An HTTP client carrying a fresh H5 session of this OpenID (as after WeChat's OAuth); redirects not followed.</summary>
    public static async Task<HttpClient> CitizenAsync(FundHostFactory host, string openId, bool production = false)
    {
        _ = host.Server;
        var session = await host.Services.GetRequiredService<H5SessionStore>().CreateAsync(openId);
        var origin = new Uri(production ? "https://localhost" : "http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(origin, production
            ? new Cookie("__Host-h5_sid", session.Id, "/", "localhost") { Secure = true, HttpOnly = true }
            : new Cookie("h5_sid", session.Id, "/", "localhost"));
        return host.CreateDefaultClient(origin, new CookieContainerHandler(cookies));
    }

    public static string Antiforgery(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Issues through the page as the citizen would; returns the serial from the redirect.</summary>
    public static async Task<string> IssueAsync(HttpClient citizen, Dictionary<string, string> form, string page = "/h5/certificate")
    {
        form["__RequestVerificationToken"] = Antiforgery(await citizen.GetStringAsync(page));
        var response = await citizen.PostAsync(page, new FormUrlEncodedContent(form));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            Regex.Match(await response.Content.ReadAsStringAsync(), "form-error\" role=\"alert\">([^<]*)<").Groups[1].Value);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("?issued=ZM", location);
        return location["?issued=".Length..];
    }

    public static async Task<byte[]> PdfAsync(HttpClient citizen, string serial, string page = "/h5/certificate")
    {
        var response = await citizen.GetAsync($"{page}?handler=Pdf&serial={serial}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The state word /verify shows in large type.</summary>
    public static string State(string html) => Regex.Match(html, "id=\"verify-state\">([^<]+)<").Groups[1].Value;
}
