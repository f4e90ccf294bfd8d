using Fund.Core;
using Microsoft.Extensions.Options;
using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>The texts that point citizens somewhere: welcome, hotline, help, and the prompt to bind.</summary>
public sealed class GuideHandler(IOptions<WechatOptions> options)
{
    public const string OfficeHours = "周一至周五 8:30-12:00，14:30-17:30";

    /// <summary>An absolute link to one of our H5 pages.</summary>
    public string Link(string path) => options.Value.PublicBaseUrl.TrimEnd('/') + path;

    public async ValueTask<Reply> WelcomeAsync(MessageContext ctx)
    {
        var bind = await ctx.GrzhAsync() is null
            ? $"首次使用请先绑定公积金账户：\n{Link("/h5/login")}"
            : "您已绑定公积金账户，可直接查询。";
        return await Text($"""
            欢迎关注信阳市住房公积金管理中心！

            底部菜单为您提供：
            【我的账户】账户信息、余额查询、明细账、解除绑定
            【在线查询】贷款信息、贷款进度、提取记录
            【便民服务】贷款计算器、服务网点、服务热线、业务办理、更多服务

            {bind}
            """);
    }

    public ValueTask<Reply> HotlineAsync(MessageContext ctx) => Text($"""
        公积金服务热线：{CentreContact.Hotline}
        服务时间：{OfficeHours}
        """);

    public ValueTask<Reply> CalculatorAsync(MessageContext ctx) => Text($"""
        【贷款计算器】输入贷款金额、期限和利率，估算等额本息、等额本金的月还款额、利息和还款总额：
        {Link("/h5/tools/calculator")}

        【房贷利率】现行住房公积金贷款利率及历次调整：
        {Link("/h5/tools/rates")}
        """);

    public ValueTask<Reply> DevelopmentsAsync(MessageContext ctx) => Text($"""
        【合作楼盘】可按楼盘名称、开发商或区县查询：
        {Link("/h5/tools/developments")}
        """);

    public ValueTask<Reply> GuidesAsync(MessageContext ctx) => Text($"""
        【办事指南】提取、贷款、手机号变更、转移接续的办理条件、所需材料和步骤，办理前可先查看：
        {Link("/h5/tools/guides")}
        """);

    public ValueTask<Reply> HelpAsync(MessageContext ctx) => Text("您可以点击底部菜单，或回复以下关键词：\n" + KeywordsAndLinks());

    /// <summary>For text we did not understand: short, and pointing at what the menu offers.</summary>
    public ValueTask<Reply> FallbackAsync(MessageContext ctx) => Text("抱歉，暂未理解您的意思。回复以下关键词试试：\n" + KeywordsAndLinks());

    public Reply BindPrompt() => new TextReply($"""
        您还未绑定公积金账户，绑定后即可查询。
        已有账户请登录绑定：{Link("/h5/login")}
        还没有登录账号请注册：{Link("/h5/register")}
        """);

    private string KeywordsAndLinks() => $"""
        余额、账户、贷款、进度、网点、电话、利率、楼盘、指南、
        提取、明细、证明、密码、注册、绑定、解绑、手机、转移

        账户信息：{Link("/h5/account")}
        明细账：{Link("/h5/statement")}
        提取记录：{Link("/h5/withdrawals")}
        贷款计算器：{Link("/h5/tools/calculator")}
        业务办理：{Link("/h5/withdraw")}
        登录绑定：{Link("/h5/login")}
        """;

    private static ValueTask<Reply> Text(string content) => ValueTask.FromResult<Reply>(new TextReply(content));
}
