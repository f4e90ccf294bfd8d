using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Sms;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit.Business;

/// <summary>
/// 职工信息修改: an employee's mobile number, for an account of this employer only. The first step shows whose number
/// it is (name, the number on record masked) and asks for confirmation; the same number changes nothing. The number
/// of record receives the employee's SMS codes, so the old number is told by SMS and the employee in WeChat.
/// </summary>
public sealed class PhoneModel(RosterStore rosters, MySqlAccountStore accounts, ISmsSender texts, ILogger<PhoneModel> log) : PageModel
{
    [BindProperty] public string Grzh { get; set; } = "";
    [BindProperty] public string Phone { get; set; } = "";
    public string? Message { get; private set; }
    public bool Done { get; private set; }
    /// <summary>Set when the form is valid and changes something: the page then asks to confirm.</summary>
    public (string Name, string OldPhone)? Confirming { get; private set; }

    public async Task OnGetAsync(string? done, string? grzh)
    {
        if (done != "changed" || grzh is null) return;
        if (await EmployeeAsync(grzh) is not { } account) return;
        Done = true;
        Message = $"修改成功：{account.Name}（{grzh}）的手机号码已改为 {Mask.Phone(account.Phone)}，已通知该职工。";
    }

    /// <summary>Step 1: whose number, and is it a change at all.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var (grzh, phone) = (Grzh.Trim(), Phone.Trim());
        Message = EmployeePhoneChange.Problem(grzh, phone);
        if (Message is not null) return Page();
        if (await EmployeeAsync(grzh) is not { } account) { Message = "本单位无此个人账号"; return Page(); }
        Message = EmployeePhoneChange.Against(account.Phone, phone);
        if (Message is null) Confirming = (account.Name, account.Phone);
        return Page();
    }

    /// <summary>Step 2: the change, the business record and the notices; then a redirect, so a reload changes nothing.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (grzh, phone) = (Grzh.Trim(), Phone.Trim());
        Message = EmployeePhoneChange.Problem(grzh, phone);
        if (Message is not null) return Page();
        var result = await rosters.ChangePhoneAsync(User.Dwzh(), grzh, phone, HttpContext.Transactor(), ct);
        switch (result.Outcome)
        {
            case PhoneChangeOutcome.NotFound:
                Message = "本单位无此个人账号";
                return Page();
            case PhoneChangeOutcome.Unchanged:
                Message = EmployeePhoneChange.Unchanged;
                return Page();
        }
        if (result.OldPhone is { Length: > 0 } old)
        {
            try
            {
                await texts.SendPhoneChangedNoticeAsync(old, Mask.Phone(phone), ct);
            }
            catch (Exception e) when (e is SmsGatewayException or HttpRequestException or TaskCanceledException)
            {
                // The change stands (the employer holds the certificate); WeChat's notice is queued with it.
                log.LogWarning(e, "The phone-changed notice to the old number could not be sent");
            }
        }
        return Redirect($"/unit/business/phone?done=changed&grzh={grzh}");
    }

    private async Task<Fund.Core.Accounts.PersonalAccount?> EmployeeAsync(string grzh) =>
        await accounts.GetAsync(grzh, HttpContext.RequestAborted) is { } a && a.Dwzh == User.Dwzh() ? a : null;
}
