using Wechat.Handlers.Pipeline;

namespace Wechat.Handlers.Chat;

/// <summary>
/// Typed text → the same handler as the matching menu button, so "余额" answers like 余额查询.
/// Checked in order and by containment ("查一下余额"), which is why 进度 comes before 贷款 and 余额 before 账户,
/// and why the tools come first of all: "贷款利率" and "贷款计算器" ask for a tool, not for the citizen's loan.
/// </summary>
public sealed class KeywordRoutes(ClickRoutes clicks, UnbindHandler unbind, GuideHandler guide)
{
    private readonly (string[] Words, MessageDelegate Handler)[] _toTools =
    [
        (["计算", "利率"], guide.CalculatorAsync),
        (["楼盘"], guide.DevelopmentsAsync),
        (["指南", "办事"], guide.GuidesAsync),
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
