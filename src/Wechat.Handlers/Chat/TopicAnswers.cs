using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Chat;

/// <summary>
/// Answers to the questions citizens type most that are neither a menu button nor a tool: how to withdraw, where the
/// statement is, passwords, registering, binding, the phone number, transfers and certificates. Each answer is the
/// link that does it, so "怎么提取公积金" leads to the page rather than to "暂未理解".
/// </summary>
public sealed class TopicAnswers(GuideHandler guide)
{
    public ValueTask<Reply> WithdrawAsync(MessageContext ctx) => Text($"""
        【提取业务】租房、购房、偿还房贷可在线申请部分提取；离职、离退休、出境定居可在线申请销户提取。提交后由柜台审核：
        {guide.Link("/h5/withdraw")}

        查看已提交的申请：{guide.Link("/h5/withdrawals")}
        办理条件和所需材料：{guide.Link("/h5/tools/guides")}
        """);

    public ValueTask<Reply> StatementAsync(MessageContext ctx) => Text($"""
        【明细账】按年度查看缴存、提取、结息明细，可打印或下载：
        {guide.Link("/h5/statement")}
        """);

    public ValueTask<Reply> PasswordAsync(MessageContext ctx) => Text($"""
        【密码】记得原密码的，可在线修改登录密码：
        {guide.Link("/h5/settings/password")}

        忘记密码的，凭短信验证码和密保答案重置：
        {guide.Link("/h5/reset-password")}
        """);

    public ValueTask<Reply> RegisterAsync(MessageContext ctx) => Text($"""
        【注册】首次使用网上服务，凭姓名、身份证号和预留手机号的短信验证码注册，注册后当前微信自动绑定：
        {guide.Link("/h5/register")}

        已注册请直接登录绑定：{guide.Link("/h5/login")}
        """);

    public async ValueTask<Reply> BindAsync(MessageContext ctx) => await Text(await ctx.GrzhAsync() is null
        ? $"""
          【绑定】用网上服务账号登录即可绑定当前微信：
          {guide.Link("/h5/login")}

          还没有账号请先注册：{guide.Link("/h5/register")}
          """
        : $"""
          您的微信已绑定公积金账户，可直接查询：
          {guide.Link("/h5/account")}

          如需解除绑定，请回复“解绑”。
          """);

    public ValueTask<Reply> PhoneAsync(MessageContext ctx) => Text($"""
        【手机号变更】凭登录密码和新手机号的短信验证码在线变更：
        {guide.Link("/h5/settings/phone")}

        原手机号已停用或无法登录，请携带身份证到服务网点办理：{guide.Link("/h5/tools/guides/phone-change")}
        """);

    public ValueTask<Reply> TransferAsync(MessageContext ctx) => Text($"""
        【转移接续】在异地或本市不同单位间转移住房公积金，办理条件、材料和步骤：
        {guide.Link("/h5/tools/guides/transfer")}

        服务网点：{guide.Link("/h5/tools/outlets")}
        """);

    public ValueTask<Reply> CertificateAsync(MessageContext ctx) => Text($"""
        【缴存证明】在线开具《个人住房公积金缴存证明》或《个人明细账》（PDF，带核验二维码，银行、房东扫码即可核验）：
        {guide.Link("/h5/certificate")}

        已开具的证明也可在此页查看或撤销。
        """);

    private static ValueTask<Reply> Text(string content) => ValueTask.FromResult<Reply>(new TextReply(content));
}
