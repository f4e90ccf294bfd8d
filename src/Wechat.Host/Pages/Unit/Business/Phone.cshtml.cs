using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Unit.Business;

/// <summary>职工信息修改: an employee's mobile number, for an account of this employer only.</summary>
public sealed class PhoneModel(IRosterBusiness rosters) : PageModel
{
    [BindProperty] public string Grzh { get; set; } = "";
    [BindProperty] public string Phone { get; set; } = "";
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var grzh = Grzh.Trim();
        var phone = Phone.Trim();
        if (grzh.Length != 12 || !grzh.All(char.IsAsciiDigit)) Message = "个人账号应为12位数字";
        else if (!MobileNumber.IsValid(phone)) Message = "手机号码应为11位手机号";
        else if (!await rosters.ChangePhoneAsync(User.Dwzh(), grzh, phone, HttpContext.Transactor(), HttpContext.RequestAborted))
            Message = "本单位无此个人账号";
        else
        {
            Done = true;
            Message = $"修改成功：{grzh} 的手机号码已改为 {Mask.Phone(phone)}";
        }
        return Page();
    }
}
