using System.Net;
using MySqlConnector;

namespace Wechat.Host.Tests;

/// <summary>While MariaDB or Redis is away, citizens get a clear 503 page, never an exception page.</summary>
public class ServerUnavailableTests
{
    [Fact]
    public async Task AnH5PageWhileRedisIsDownIsAChinese503WithRetryAfter()
    {
        await using var broken = new FundHostFactory
        {
            Overrides = { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=500,asyncTimeout=500" },
        };
        var client = broken.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/h5/account");
        request.Headers.Add("Cookie", "h5_sid=" + new string('a', 43));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ServerUnavailable.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(ServerUnavailable.Title, html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task ARefusedMariaDbConnectionCountsAsTheServerBeingAway()
    {
        await using var conn = new MySqlConnection("Server=127.0.0.1;Port=1;User ID=fund;Password=x;Connection Timeout=2");
        var error = await Assert.ThrowsAsync<MySqlException>(() => conn.OpenAsync());

        Assert.True(ServerUnavailable.Is(error));
        Assert.True(ServerUnavailable.Is(new InvalidOperationException("wrapped", error)));
        Assert.False(ServerUnavailable.Is(new InvalidOperationException("a bug of ours")));
    }
}
