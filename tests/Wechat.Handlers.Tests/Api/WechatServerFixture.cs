using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Wechat.Handlers.Tests.Api;

/// <summary>A stand-in for api.weixin.qq.com, one per test class; each test starts from <see cref="Reset"/>.</summary>
public sealed class WechatServerFixture : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    public void Reset() => Server.Reset();

    public void Dispose() => Server.Stop();

    public void Answer(string method, string path, string json, int priority = 10, TimeSpan? delay = null,
        Func<IRequestBuilder, IRequestBuilder>? matching = null, string contentType = "application/json")
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        var response = Response.Create().WithHeader("Content-Type", contentType).WithBody(json);
        if (delay is { } d) response = response.WithDelay(d);
        Server.Given(matching?.Invoke(request) ?? request).AtPriority(priority).RespondWith(response);
    }

    public void AnswerStableToken(string token, int expiresIn = 7200, TimeSpan? delay = null) =>
        Answer("POST", "/cgi-bin/stable_token", $$"""{"access_token":"{{token}}","expires_in":{{expiresIn}}}""",
            delay: delay);

    public IReadOnlyList<ILogEntry> RequestsTo(string path) =>
        Server.LogEntries.Where(entry => entry.RequestMessage.Path == path).ToList();

    public static JsonNode? BodyOf(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body ?? "null");

    public static IReadOnlyDictionary<string, string> QueryOf(ILogEntry entry) =>
        (entry.RequestMessage.Query ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
        .ToDictionary(pair => pair.Key, pair => string.Join(",", pair.Value));

    public static void AssertJsonEqual(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"expected {expected}\n  actual {actual?.ToJsonString()}");
}
