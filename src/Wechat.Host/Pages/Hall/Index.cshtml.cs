using Fund.Core.Accounts;
using Wechat.Host.H5;

namespace Wechat.Host.Pages.Hall;

/// <summary>The hall's home after sign-in: the balance at a glance and the guide's services, one click each.</summary>
public sealed class IndexModel(AccountQuery accounts) : BoundAccountPage(accounts)
{
    public void OnGet() { }
}
