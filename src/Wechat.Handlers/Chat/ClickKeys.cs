namespace Wechat.Handlers.Chat;

/// <summary>The CLICK button keys of menu-config.json.</summary>
public static class ClickKeys
{
    public const string MyAccount = "MY_ACCOUNT";
    public const string Balance = "BALANCE";
    public const string Unbind = "UNBIND";
    public const string LoanInfo = "LOAN_INFO";
    public const string LoanProgress = "LOAN_PROGRESS";
    public const string Outlets = "OUTLETS";
    public const string Hotline = "HOTLINE";
}
