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

    /// <summary>
    /// A server away answers the 503 page directly: re-running the pipeline for /error would check a clerk's cookie
    /// against MariaDB again (an empty 500 in the fault run); anything else is left to the /error page.
    /// </summary>
    [Fact]
    public async Task TheServerAwayIsAnswered503WithoutReRunningThePipeline()
    {
        var handler = new ServerUnavailableHandler();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await using var conn = new MySqlConnection("Server=127.0.0.1;Port=1;User ID=fund;Password=x;Connection Timeout=2");
        var away = await Assert.ThrowsAsync<MySqlException>(() => conn.OpenAsync());

        Assert.True(await handler.TryHandleAsync(context, away, default));
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal(ServerUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        Assert.Contains(ServerUnavailable.Title, System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        Assert.False(await handler.TryHandleAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext(), new InvalidOperationException("a bug of ours"), default));
    }

    /// <summary>
    /// Redis restarted (after a crash it replays its AOF first) answers every command with LOADING until its data is
    /// in memory: the fault run's crash phase saw pages answered with the exception page (500) for it.
    /// </summary>
    [Fact]
    public void RedisStillLoadingItsDataCountsAsTheServerBeingAway()
    {
#pragma warning disable CS0618 // the message is what the server answers; the kind does not matter here
        Assert.True(ServerUnavailable.Is(new StackExchange.Redis.RedisServerException("LOADING Redis is loading the dataset in memory")));
        Assert.True(ServerUnavailable.Is(new InvalidOperationException("wrapped",
            new StackExchange.Redis.RedisServerException("LOADING Redis is loading the dataset in memory"))));
        Assert.False(ServerUnavailable.Is(new StackExchange.Redis.RedisServerException("ERR unknown command 'GETEX'")));
#pragma warning restore CS0618
    }
}
