using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Wechat.Handlers.Protocol;
using static Bench.Shared.LoadRun;

// The ceiling for POST /wechat on this machine, and two floors under it that do only what the guarantees require.
// Bare Kestrel (no routing, no middleware, no logging, no DI) in every mode:
//   --mode fixed   (default) reads the body and answers one fixed safe-mode reply, encrypted once at start-up, of
//                  the size of the host's hotline reply: the "bare Kestrel returning a fixed XML".
//   --mode crypto  what the protocol demands of every push: the URL signature and timestamp checked, the body read,
//                  parsed by the DTD-free reader, msg_signature checked, decrypted, the inner XML parsed, the hotline
//                  reply written, encrypted and signed. No Redis, no pipeline.
//   --mode dedup   crypto plus the dedup guarantee's two Redis commands exactly as DedupStep issues them: the claim
//                  (SET NX EX, before the handler) and the stored reply (SET EX, after it), on one multiplexer.
//   --mode dedup1  crypto plus the dedup as issue 21 left it: ONE awaited Redis round trip before the handler (the
//                  claim; DedupStep's script also reads the stored reply and the account copy's version in it) and the
//                  reply stored fire-and-forget after it.
//   --mode statement  the statement page's floor on the bench database: for `GET /h5/statement?year=Y` with an
//                  `h5_sid` cookie (H5.Load's sessions), the session read with its sliding expiry (GETEX), the bound
//                  account (ID number and phone decrypted, as the page reads it), the years and the year's
//                  entries, in the page's one round trip (MySqlAccountStore.GetBoundWithYearAsync), then a page of --page-bytes
//                  (default the real page's size) listing the entries. No Razor, no middleware, no antiforgery.
//   --mode statement-copy  the statement page answered from a copy (issue 21): the session GETEX, the bound
//                  account's published version (one Redis GET, MySqlAccountStore with its AccountCopies), then the same
//                  page size. No MariaDB round trip once the copy is there.
//   --mode statement-min  the least any statement page can do: the session GETEX and ONE MariaDB round trip for the
//                  year's entries of the bound account (binding joined to the ledger; no account row, no years
//                  list), then the same page size.
// Run beside the host and load all in one run (bench/wechat-wrk.sh --floors does): the share of the ceiling the
// dedup floor reaches is the most any /wechat that keeps the guarantees can reach on this machine.
//   dotnet bench/Ceiling/bin/Release/net10.0/Ceiling.dll --port 5090 [--mode dedup --redis 127.0.0.1:16379]
var port = int.Parse(Arg(args, "--port", "5090"));
var mode = Arg(args, "--mode", "fixed");
const string Token = "devtoken", AppId = "wxdev0000000000001", AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
var crypt = new WechatMessageCrypt(Token, AppId, AesKey);
var hotline = new TextReply("公积金服务热线：12329\n服务时间：周一至周五 8:30-12:00，14:30-17:30");
var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var fixedBody = Encoding.UTF8.GetBytes(crypt.EncryptReply(ReplyWriter.ToXml(hotline, "demo-openid-1", "gh_bench", now),
    now.ToString(CultureInfo.InvariantCulture), "1234567890"));
var storedHotline = "{\"kind\":\"text\",\"content\":\"" + hotline.Content.Replace("\n", "\\n") + "\"}";

IDatabase? redis = null;
var keyPrefix = "bench:floor:" + Guid.NewGuid().ToString("N")[..8] + ":wechat:dedup:";
if (mode is "dedup" or "dedup1")
{
    var mux = await ConnectionMultiplexer.ConnectAsync(Arg(args, "--redis", "127.0.0.1:16379"));
    redis = mux.GetDatabase();
}
else if (mode is not ("fixed" or "crypto" or "statement" or "statement-min" or "statement-copy"))
{
    Console.Error.WriteLine("--mode is fixed, crypto, dedup, dedup1, statement, statement-copy or statement-min");
    return 2;
}

StatementFloor? statementFloor = mode.StartsWith("statement", StringComparison.Ordinal)
    ? new StatementFloor(int.Parse(Arg(args, "--page-bytes", "16000")), Arg(args, "--key-prefix", ""), mode == "statement-min",
        mode == "statement-copy")
    : null;

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
var app = builder.Build();
app.Run(mode switch { "fixed" => Fixed, "statement" or "statement-min" or "statement-copy" => statementFloor!.ServeAsync, _ => Guarded });
Console.WriteLine($"ceiling ({mode}) on http://127.0.0.1:{port}/");
await app.RunAsync();
return 0;

async Task Fixed(HttpContext http)
{
    await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
    http.Response.ContentType = "application/xml; charset=utf-8";
    http.Response.ContentLength = fixedBody.Length;
    await http.Response.Body.WriteAsync(fixedBody, http.RequestAborted);
}

async Task Guarded(HttpContext http)
{
    var q = http.Request.Query;
    string? timestamp = q["timestamp"], nonce = q["nonce"];
    if (timestamp is null || nonce is null || !WechatSignature.Verify(q["signature"], Token, timestamp, nonce)
        || !TimestampWindow.IsFresh(timestamp, DateTimeOffset.UtcNow, 300))
    {
        http.Response.StatusCode = 401;
        return;
    }

    var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    InboundMessage message;
    try
    {
        var length = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0) length += read;
        var envelope = EncryptedEnvelope.From(InboundXml.Parse(buffer.AsSpan(0, length)))!;
        message = InboundMessageParser.Parse(envelope.Open(crypt, q["msg_signature"], timestamp, nonce));
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }

    if (redis is not null)
    {
        // A prefix of its own: the host's keys (same pushes, loaded after this) must not be found claimed.
        var key = (RedisKey)(keyPrefix + message.DedupKey);
        if (!await redis.StringSetAsync(key, "pending:" + Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(60), When.NotExists))
        {
            http.Response.StatusCode = 409; // counted as bad: every request of the bench is unique
            return;
        }
        if (mode == "dedup1")
            redis.StringSet(key, storedHotline, TimeSpan.FromMinutes(5), flags: CommandFlags.FireAndForget);
        else
            await redis.StringSetAsync(key, storedHotline, TimeSpan.FromMinutes(5));
    }

    var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    var xml = ReplyWriter.ToXml(hotline, message.FromUserName, message.ToUserName, at);
    var body = Encoding.UTF8.GetBytes(crypt.EncryptReply(xml, at.ToString(CultureInfo.InvariantCulture), nonce));
    http.Response.ContentType = "application/xml; charset=utf-8";
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body, http.RequestAborted);
}

/// <summary>The statement page's I/O and nothing else: see --mode statement above.</summary>
sealed class StatementFloor
{
    private readonly IDatabase _redis;
    private readonly Fund.Data.Stores.MySqlAccountStore _accounts;
    private readonly Fund.Data.FundDatabase _db;
    private readonly int _pageBytes;
    private readonly string _keyPrefix;
    private readonly bool _minimal;

    private readonly Fund.Data.Security.SensitiveData _sensitive;

    public StatementFloor(int pageBytes, string keyPrefix, bool minimal, bool copies)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            builder.Configuration, Bench.Shared.BenchDatabase.Settings());
        Fund.Data.DataExtensions.AddFundData(builder);
        var services = builder.Build().Services;
        _redis = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IConnectionMultiplexer>(services).GetDatabase();
        _db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Fund.Data.FundDatabase>(services);
        _sensitive = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Fund.Data.Security.SensitiveData>(services);
        // Without copies: the page's one MariaDB round trip every time, as before issue 21.
        _accounts = copies
            ? Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Fund.Data.Stores.MySqlAccountStore>(services)
            : new Fund.Data.Stores.MySqlAccountStore(_db, _sensitive);
        _pageBytes = pageBytes;
        _keyPrefix = keyPrefix;
        _minimal = minimal;
    }

    private sealed record Entry(DateTime EntryDate, string Memo, decimal Amount, decimal BalanceAfter);

    private async Task ServeMinimalAsync(HttpContext http, string openId, int year, CancellationToken ct)
    {
        await using var conn = await _db.OpenReadAsync(ct);
        var entries = await Dapper.SqlMapper.QueryAsync<Entry>(conn, new Dapper.CommandDefinition("""
            SELECT l.entry_date AS EntryDate, l.memo AS Memo, l.amount AS Amount, l.balance_after AS BalanceAfter
              FROM wechat_binding b JOIN ledger_entry l ON l.grzh = b.grzh
             WHERE b.openid = @openId AND l.entry_date >= @from AND l.entry_date < @to
             ORDER BY l.seq
            """, new { openId, from = new DateTime(year, 1, 1), to = new DateTime(year + 1, 1, 1) }, cancellationToken: ct));
        await WritePageAsync(http, "", entries.Select(e => (DateOnly.FromDateTime(e.EntryDate), e.Memo, e.Amount, e.BalanceAfter)), ct);
    }

    public async Task ServeAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var sid = http.Request.Cookies["h5_sid"];
        var openId = sid is null ? RedisValue.Null
            // The host keys a session by an HMAC of the cookie's id (H5SessionStore), not by the id itself.
            : await _redis.StringGetSetExpiryAsync(_keyPrefix + "h5:session:"
                + Convert.ToHexStringLower(_sensitive.BlindIndex(Fund.Data.Security.SensitiveField.SessionId, sid)), TimeSpan.FromMinutes(30));
        var year = int.TryParse(http.Request.Query["year"], out var y) ? y : 2025;
        if (_minimal && !openId.IsNullOrEmpty)
        {
            await ServeMinimalAsync(http, openId!, year, ct);
            return;
        }

        // The page's own read: holder, years and the year's entries in one round trip.
        var (account, years, entries) = openId.IsNullOrEmpty ? (null, [], [])
            : await _accounts.GetBoundWithYearAsync(openId!, year, ct);
        if (account is null)
        {
            http.Response.StatusCode = 302;
            return;
        }

        var head = $"<h1>{account.Name} {account.Grzh} {account.IdNumber[^4..]}</h1><p>{string.Join(' ', years)}</p>";
        await WritePageAsync(http, head, entries.Select(e => (e.Date, e.Memo, e.Amount, e.BalanceAfter)), ct);
    }

    /// <summary>A page of --page-bytes: the head, then one table row an entry.</summary>
    private async Task WritePageAsync(HttpContext http, string head,
        IEnumerable<(DateOnly Date, string Memo, decimal Amount, decimal BalanceAfter)> rows, CancellationToken ct)
    {
        var html = new StringBuilder(_pageBytes + 256);
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><body>").Append(head).Append("<table>");
        foreach (var (date, memo, amount, balanceAfter) in rows)
        {
            html.Append("<tr><td>").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(memo).Append("</td><td>").Append(amount.ToString("N2", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(balanceAfter.ToString("N2", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</table>");
        if (html.Length < _pageBytes) html.Append('\n', _pageBytes - html.Length);
        html.Append("</body></html>");
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html.ToString(), ct);
    }
}
