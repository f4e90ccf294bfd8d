using Fund.Core.Accounts;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.H5;

/// <summary>账户信息 of the bound account.</summary>
public sealed class AccountModel(AccountQuery accounts) : BoundAccountPage(accounts)
{
    public void OnGet() { }
}
