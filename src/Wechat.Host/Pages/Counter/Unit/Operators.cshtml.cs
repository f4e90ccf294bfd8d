using Fund.Core.OperatorCertificates;
using Fund.Core.Security;
using System.Security.Cryptography;
using Fund.Core.Employers;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Wechat.Host.Unit;

namespace Wechat.Host.Pages.Counter.Unit;

/// <summary>Supervisors manage employer operators: create, disable, reset the password, issue and revoke certificates; all audited.</summary>
public sealed class OperatorsModel(EmployerOperatorStore operators, CertificateStore certificates, CentreAuthority authority,
    Fund.Core.Accounts.IAccountStore accounts, IOptions<UnitHallOptions> options) : PageModel
{
    public IReadOnlyList<EmployerOperator> Operators { get; private set; } = [];
    public Dictionary<long, IReadOnlyList<(string Serial, DateTime IssuedAt, DateTime NotAfter, DateTime? RevokedAt)>> Certificates { get; } = [];
    public CentreAuthority.IssuedCertificate? Issued { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    private string Actor => AuditTrail.Staff(User.Identity!.Name!);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string dwzh, string name, string idNumber)
    {
        var ct = HttpContext.RequestAborted;
        dwzh = dwzh.Trim();
        name = name.Trim();
        if (await accounts.GetEmployerAsync(dwzh, ct) is null) Error = "单位账号不存在";
        else if (name.Length is 0 or > 50) Error = "请填写姓名（不超过50字）";
        else if (Fund.Core.Validation.IdNumber.Problem(idNumber) is { } problem) Error = problem;
        else
        {
            var password = NewPassword();
            var id = await operators.UpsertAsync(dwzh, name, idNumber, new PasswordHasher<string>().HashPassword(dwzh, password), Actor, ct);
            Notice = $"专管员 {name}（编号{id}）已保存，初始密码：{password}（仅显示一次）";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(long id, bool active)
    {
        Notice = await operators.SetActiveAsync(id, active, Actor, HttpContext.RequestAborted) ? (active ? "已启用" : "已停用，其证书随即失效") : null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(long id)
    {
        var password = NewPassword();
        var op = await operators.GetAsync(id, HttpContext.RequestAborted);
        if (op is not null && await operators.SetPasswordAsync(id, new PasswordHasher<string>().HashPassword(op.Dwzh, password), Actor, HttpContext.RequestAborted))
            Notice = $"{op.Name} 的新密码：{password}（仅显示一次）";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(long id)
    {
        var op = await operators.GetAsync(id, HttpContext.RequestAborted);
        if (op is not { Active: true }) Error = "专管员不存在或已停用";
        else Issued = await authority.IssueAsync(id, options.Value.CaPassphrase, Actor, HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string serial)
    {
        Notice = await certificates.RevokeAsync(serial, Actor, HttpContext.RequestAborted) ? $"证书 {serial} 已注销，立即生效" : null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Operators = await operators.ListAsync(ct);
        foreach (var o in Operators) Certificates[o.Id] = await certificates.ForOperatorAsync(o.Id, ct);
    }

    private static string NewPassword() => RandomPasswords.New(12);
}
