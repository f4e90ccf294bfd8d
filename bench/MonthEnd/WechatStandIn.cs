using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MonthEnd;

/// <summary>What the stand-in does to one OpenID's template messages; fixed by the OpenID alone.</summary>
public enum Fault { None, Unfollowed, BusyOnce, BusyTwice, Slow }

/// <summary>
/// WeChat's template-message API under pressure, on bare Kestrel in this process so it is not the bottleneck: the
/// stable access token, and <c>message/template/send</c> answering like WeChat on a busy day. Faults are fixed per
/// OpenID (an FNV hash of it, so the verdicts can be checked): 1 % unfollowed (43004 every time), 2 % busy once (-1,
/// then accepted), 0.5 % busy twice, 2 % slow (accepted after <see cref="SlowMs"/>). Over that, a rate limit: more
/// than <see cref="RatePerSecond"/> sends in one second are refused with 45009, whatever the OpenID. Every send is
/// recorded by OpenID: how often it was accepted (a second acceptance is a duplicate), when first, and each refusal.
/// </summary>
public sealed class WechatStandIn : IAsyncDisposable
{
    public const int SlowMs = 400;
    private readonly WebApplication _app;
    private long _msgIds;
    private long _windowSecond;
    private int _windowCount;
    private readonly object _window = new();

    public WechatStandIn(int port, int ratePerSecond)
    {
        RatePerSecond = ratePerSecond;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/cgi-bin/stable_token", () => Results.Json(new { access_token = "standin-month-end-token", expires_in = 7200 }));
        _app.MapPost("/cgi-bin/message/template/send", SendAsync);
        _app.MapGet("/standin/ping", () => "ok");
    }

    public int RatePerSecond { get; }
    public ConcurrentDictionary<string, Receipt> Receipts { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<int, int> Answers { get; } = new();
    public string? OpenIdPrefix { get; set; }

    public sealed class Receipt
    {
        public int Accepted;
        public int Refused;
        public long FirstAcceptedTicks;
        public int Calls;
    }

    public static Fault FaultOf(string openId)
    {
        var h = 2166136261u;
        foreach (var c in openId) h = (h ^ c) * 16777619u;
        return (h % 1000) switch
        {
            < 10 => Fault.Unfollowed,
            < 30 => Fault.BusyOnce,
            < 35 => Fault.BusyTwice,
            < 55 => Fault.Slow,
            _ => Fault.None,
        };
    }

    public Task StartAsync() => _app.StartAsync();

    private async Task<IResult> SendAsync(HttpRequest request)
    {
        using var doc = await JsonDocument.ParseAsync(request.Body);
        var openId = doc.RootElement.TryGetProperty("touser", out var t) ? t.GetString() ?? "" : "";
        var receipt = Receipts.GetOrAdd(openId, _ => new Receipt());
        var call = Interlocked.Increment(ref receipt.Calls);
        var fault = FaultOf(openId);
        int code;
        if (!WithinRate()) code = 45009;
        else if (fault == Fault.Unfollowed) code = 43004;
        else if (fault == Fault.BusyOnce && call == 1 || fault == Fault.BusyTwice && call <= 2) code = -1;
        else code = 0;
        if (fault == Fault.Slow && code == 0) await Task.Delay(SlowMs);
        Answers.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (code != 0)
        {
            Interlocked.Increment(ref receipt.Refused);
            return Results.Json(new
            {
                errcode = code,
                errmsg = code switch { 45009 => "reach max api daily quota limit", 43004 => "require subscribe", _ => "system error" },
            });
        }
        if (Interlocked.Increment(ref receipt.Accepted) == 1) Interlocked.Exchange(ref receipt.FirstAcceptedTicks, Stopwatch.GetTimestamp());
        return Results.Json(new { errcode = 0, errmsg = "ok", msgid = Interlocked.Increment(ref _msgIds) });
    }

    /// <summary>A fixed one-second window, as WeChat's per-minute and per-day limits are fixed windows.</summary>
    private bool WithinRate()
    {
        var second = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        lock (_window)
        {
            if (second != _windowSecond) (_windowSecond, _windowCount) = (second, 0);
            return ++_windowCount <= RatePerSecond;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
