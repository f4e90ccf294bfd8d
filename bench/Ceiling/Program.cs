using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Wechat.Handlers.Protocol;
using static Bench.Shared.LoadRun;

// The ceiling for POST /wechat on this machine: bare Kestrel (no routing, no middleware, no logging) that reads the
// body and answers every request with one fixed safe-mode reply, encrypted once at start-up, of the same size as
// the host's hotline reply. Stands in for the "bare Kestrel returning a fixed XML"; run it beside the host
// and load both in one run (bench/wechat-wrk.sh does).
//   dotnet bench/Ceiling/bin/Release/net10.0/Ceiling.dll --port 5090
var port = int.Parse(Arg(args, "--port", "5090"));
var crypt = new WechatMessageCrypt("devtoken", "wxdev0000000000001", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var reply = ReplyWriter.ToXml(new TextReply("公积金服务热线：12329\n服务时间：周一至周五 8:30-12:00，14:30-17:30"),
    "demo-openid-1", "gh_bench", now);
var body = Encoding.UTF8.GetBytes(crypt.EncryptReply(reply, now.ToString(), "1234567890"));

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
var app = builder.Build();
app.Run(async http =>
{
    await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
    http.Response.ContentType = "application/xml; charset=utf-8";
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body, http.RequestAborted);
});
Console.WriteLine($"ceiling: fixed {body.Length}-byte safe-mode reply on http://127.0.0.1:{port}/");
await app.RunAsync();
