using System.Net;
using System.Text.RegularExpressions;
using Fund.Data.Seed;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wechat.Host.Tests.Counter;

/// <summary>A counter staff member's browser over HTTP: signed in, carrying the antiforgery token into each form post.</summary>
public sealed partial class CounterSession(HttpClient client) : IDisposable
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public HttpClient Client => client;

    public static async Task<CounterSession> SignInAsync(FundHostFactory factory, string username)
    {
        var session = new CounterSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var response = await session.PostFormAsync("/counter/login", "/counter/login",
            new() { ["Username"] = username, ["Password"] = DemoCounterStaff.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>Reads the token from <paramref name="formPage"/>, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = TokenPattern().Match(await client.GetStringAsync(formPage)).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public async Task<string> PageAsync(string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

    public void Dispose() => client.Dispose();
}
