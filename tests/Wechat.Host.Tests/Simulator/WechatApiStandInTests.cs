using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wechat.Handlers.Api;
using Wechat.Handlers.Pipeline;
using Wechat.Host.Simulator;

namespace Wechat.Host.Tests.Simulator;

/// <summary>In Development, what the host sends through WeChat's API lands in the simulator's chat of that OpenID.</summary>
public sealed class WechatApiStandInTests(FundHostFactory factory) : IClassFixture<FundHostFactory>
{
    private static string NewOpenId() => "test-sim-" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task ATemplateMessageIsRecordedWithItsFieldsAndLinkAndGetsAMsgId()
    {
        var openId = NewOpenId();
        var api = factory.Services.GetRequiredService<WechatApiClient>();

        var msgId = await api.SendTemplateMessageAsync(openId, "TPL_WITHDRAWAL", "http://127.0.0.1:5080/h5/withdrawals",
            new Dictionary<string, string> { ["first"] = "您的提取申请已受理", ["keyword1"] = "¥12,000.00", ["remark"] = "请留意后续通知" });

        var pushed = Assert.Single(await factory.Services.GetRequiredService<SimulatorInbox>().SinceAsync(openId, 0));
        Assert.Equal(msgId, pushed.Id);
        Assert.Equal("template", pushed.Kind);
        Assert.Equal("TPL_WITHDRAWAL", pushed.Title);
        Assert.Equal("http://127.0.0.1:5080/h5/withdrawals", pushed.Url);
        Assert.Equal(["first", "keyword1", "remark"], pushed.Lines!.Select(l => l.Key));
        Assert.Equal("¥12,000.00", pushed.Lines![1].Value);
    }

    /// <summary>Issue 19 item 23: a card of one of the centre's templates reads as the phone shows it, labels not keyword1….</summary>
    [Fact]
    public async Task ACentreTemplateIsRecordedWithItsTitleAndFieldLabels()
    {
        var openId = NewOpenId();
        var api = factory.Services.GetRequiredService<WechatApiClient>();
        var data = Fund.Core.Notifications.TemplateMessages.WithdrawalApproved("终止劳动关系", 36115.04m, "0128", new DateOnly(2026, 12, 5));

        await api.SendTemplateMessageAsync(openId, "dev-template-withdrawal-approved", "http://127.0.0.1:5080/h5/withdrawals", data.ToDictionary());

        var pushed = Assert.Single(await factory.Services.GetRequiredService<SimulatorInbox>().SinceAsync(openId, 0));
        Assert.Equal("提取审核通过通知", pushed.Title);
        Assert.Equal(["提取类型", "提取金额", "收款账户", "办理状态", "办理日期"], pushed.Lines!.Select(l => l.Key));
        Assert.Equal("36115.04元", pushed.Lines![1].Value);
    }

    [Fact]
    public async Task CustomerServiceTextAndNewsAreRecordedInOrder()
    {
        var openId = NewOpenId();
        var api = factory.Services.GetRequiredService<WechatApiClient>();

        await factory.Services.GetRequiredService<ICustomerServiceSender>().SendTextAsync(openId, "迟到的回复", default);
        await api.SendCustomNewsAsync(openId, new NewsArticle("贷款进度", "已审批", "http://127.0.0.1:5080/h5/loans/progress"));

        var pushed = await factory.Services.GetRequiredService<SimulatorInbox>().SinceAsync(openId, 0);
        Assert.Equal(["text", "news"], pushed.Select(p => p.Kind));
        Assert.Equal("迟到的回复", pushed[0].Text);
        Assert.Equal("贷款进度", pushed[1].Title);
        Assert.Equal("http://127.0.0.1:5080/h5/loans/progress", pushed[1].Url);
        Assert.Empty(await factory.Services.GetRequiredService<SimulatorInbox>().SinceAsync(openId, pushed[1].Id));
    }

    [Fact]
    public async Task APollReturnsOnlyWhatCameAfterTheLastIdSeen()
    {
        var openId = NewOpenId();
        var inbox = factory.Services.GetRequiredService<SimulatorInbox>();
        var first = await inbox.AddAsync(openId, new PushedMessage(0, "text", default, Text: "一"));
        await inbox.AddAsync(openId, new PushedMessage(0, "text", default, Text: "二"));

        using var client = factory.CreateClient();
        var json = await client.GetStringAsync($"/dev/simulator/api/inbox?openid={openId}&after={first.Id}");

        Assert.Contains("\"text\":\"二\"", json);
        Assert.DoesNotContain("\"text\":\"一\"", json);
    }

    [Theory]
    [InlineData("/dev/simulator")]
    [InlineData("/dev/simulator/simulator.js")]
    [InlineData("/dev/simulator/api/setup")]
    public async Task InDevelopmentTheSimulatorIsServed(string path)
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }
}
