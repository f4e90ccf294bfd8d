using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Chat;

/// <summary>
/// Typed text → the same handler as the matching menu button, so "余额" answers like 余额查询.
/// Checked in order and by containment ("查一下余额"), which is why 进度 comes before 贷款 and 余额 before 账户,
/// and why the tools come first of all: "贷款利率" and "贷款计算器" ask for a tool, not for the citizen's loan.
/// The topics come next, before the menu words, because their phrasings often contain one ("账户明细", "改账户密码").
/// </summary>
public sealed class KeywordRoutes(ClickRoutes clicks, UnbindHandler unbind, GuideHandler guide, TopicAnswers topics)
{
    private readonly (string[] Words, MessageDelegate Handler)[] _toTools =
    [
        (["计算", "利率"], guide.CalculatorAsync),
        (["楼盘"], guide.DevelopmentsAsync),
        (["指南", "办事"], guide.GuidesAsync),
    ];

    // Order matters where phrasings overlap: 解绑 before 绑定 ("解除绑定" contains 绑定), 密码 before 注册 and 绑定
    // ("注册时密码忘了"), 转移 before 提取 ("转移还是提取"), 证明 before 明细 ("缴存明细证明").
    private readonly (string[] Words, MessageDelegate Handler)[] _toTopics =
    [
        (["解绑", "解除绑定", "取消绑定", "解除微信"], unbind.AskAsync),
        (["密码", "改密", "密保"], topics.PasswordAsync),
        (["证明"], topics.CertificateAsync),
        (["转移", "转入", "转出", "异地", "接续", "调动"], topics.TransferAsync),
        (["手机", "换号", "号码变更", "改号"], topics.PhoneAsync),
        (["提取", "取钱", "提现", "取出", "取公积金", "销户", "离职", "退休", "租房", "房租"], topics.WithdrawAsync),
        (["明细", "流水", "缴存记录", "缴费记录", "交了多少", "缴了多少", "缴存情况", "对账"], topics.StatementAsync),
        (["注册", "开通"], topics.RegisterAsync),
        (["绑定", "登录", "登陆", "关联"], topics.BindAsync),
    ];

    private static readonly (string[] Words, string ClickKey)[] ToClicks =
    [
        (["余额"], ClickKeys.Balance),
        (["进度"], ClickKeys.LoanProgress),
        (["贷款"], ClickKeys.LoanInfo),
        (["网点"], ClickKeys.Outlets),
        (["电话", "热线"], ClickKeys.Hotline),
        (["账户"], ClickKeys.MyAccount),
    ];

    private static readonly string[] HelpWords = ["帮助", "菜单", "?", "？"];

    public MessageDelegate For(string content)
    {
        var text = content.Trim();
        if (text == UnbindHandler.ConfirmWord)
        {
            return unbind.ConfirmAsync;
        }

        foreach (var (words, handler) in _toTools)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)))
            {
                return handler;
            }
        }

        foreach (var (words, handler) in _toTopics)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)))
            {
                return handler;
            }
        }

        foreach (var (words, key) in ToClicks)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)) && clicks.For(key) is { } handler)
            {
                return handler;
            }
        }

        return HelpWords.Any(w => text.Contains(w, StringComparison.Ordinal)) ? guide.HelpAsync : guide.FallbackAsync;
    }
}
