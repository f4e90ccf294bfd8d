using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>
/// One type's application in the guide's steps: pick or create a material, enter the bank card the first time,
/// upload the documents, submit once. Every handler re-reads the bound account and re-checks the rules.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RequestSizeLimit(12 * 1024 * 1024)]
public sealed class ApplyModel(
    AccountQuery accounts, MySqlMaterialStore materials, MySqlBankCardStore cards, MySqlApplicationStore applications,
    DocumentFiles files, JsSdkConfig jsSdk, AuditTrail audit, TimeProvider time, ILogger<ApplyModel> log) : BoundAccountPage(accounts)
{
    [BindProperty(SupportsGet = true)] public int Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "material")] public long? MaterialId { get; set; }
    [BindProperty] public Dictionary<string, string?> Facts { get; set; } = [];
    [BindProperty] public string BankName { get; set; } = "";
    [BindProperty] public string CardNumber { get; set; } = "";
    [BindProperty] public bool ConfirmCard { get; set; }
    [BindProperty] public int UploadKind { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = "";

    public WithdrawalType WithdrawalType => (WithdrawalType)Type;
    public Eligibility Eligibility { get; private set; } = null!;
    public IReadOnlyList<WithdrawalMaterial> Materials { get; private set; } = [];
    public WithdrawalMaterial? Material { get; private set; }
    public BankCardOnFile? Card { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];
    public IReadOnlyList<DocumentKind> MissingDocuments { get; private set; } = [];
    public JsSdkSettings? JsSdk { get; private set; }
    public string? Error { get; private set; }
    public string? CardWarning { get; private set; }
    public int MaxUploadMegabytes => files.MaxBytes / 1024 / 1024;

    public static readonly IReadOnlyList<string> Banks =
        ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "中国邮政储蓄银行", "信阳农商银行"];

    public bool CanSubmit => Eligibility.ReadyToSubmit && Material is not null && Card is not null && MissingDocuments.Count == 0;

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostMaterialAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        var (facts, problem) = MaterialFields.Clean(WithdrawalType, Facts);
        if (problem is not null) return Fail(problem);
        var id = await materials.CreateAsync(Account.Grzh, WithdrawalType, facts, Ct);
        await audit.WriteAsync(AuditTrail.Citizen(Account.Grzh), "material.create", "material:" + id, $"type={Type}", Ct);
        return Redirect($"/h5/withdraw/apply?type={Type}&material={id}");
    }

    public async Task<IActionResult> OnPostCardAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (Card is not null) return Back();
        if (!Banks.Contains(BankName)) return Fail("请选择开户银行");
        switch (BankCardNumber.Check(CardNumber))
        {
            case BankCardVerdict.Invalid:
                return Fail("银行卡号无效：应为62开头的16至19位数字");
            case BankCardVerdict.LuhnWarning when !ConfirmCard:
                CardWarning = "卡号未通过校验，请仔细核对。确认无误请勾选“卡号已核对”后再次保存。";
                return Page();
        }
        if (await cards.SaveFirstAsync(Account.Grzh, BankName, CardNumber, Ct))
            await audit.WriteAsync(AuditTrail.Citizen(Account.Grzh), "bankcard.save", "account:" + Account.Grzh, "bank=" + BankName, Ct);
        log.LogInformation("Bank card saved for a withdrawal");
        return Back();
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (Material is null) return Fail("请先选择提取材料");
        if (!DocumentKinds.Offered(WithdrawalType).Contains((DocumentKind)UploadKind)) return Fail("请选择材料类型");
        if (Upload is null) return Fail("请选择要上传的文件");
        if (await files.SaveAsync(Account.Grzh, Material.Id, (DocumentKind)UploadKind, Upload, Ct) is { } problem) return Fail(problem);
        return Back();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (IdempotencyKey.Length != 32 || !IdempotencyKey.All(char.IsAsciiHexDigitLower)) return Fail("页面已过期，请刷新后重试");
        if (!CanSubmit)
            return Fail(Eligibility.ReadyToSubmit ? "请完成提取材料、银行卡和上传材料后再提交" : "尚不符合提取条件，请查看校验结果");
        var (outcome, id) = await applications.SubmitAsync(Account.Grzh, WithdrawalType, Material!.Id, IdempotencyKey, Ct);
        log.LogInformation("Withdrawal {WithdrawalId} submit: {Outcome}", id, outcome);
        return Redirect($"/h5/withdraw/status/{id}");
    }

    /// <summary>Loads what the page shows; sends the citizen elsewhere when this type cannot be applied for now.</summary>
    private async Task<IActionResult?> GuardAsync()
    {
        if (!WithdrawalEligibility.OnlineTypes.Contains(WithdrawalType)) return Redirect("/h5/withdraw");
        if (await applications.OpenIdAsync(Account.Grzh, Ct) is { } open) return Redirect($"/h5/withdraw/status/{open}");
        Materials = await materials.ListAsync(Account.Grzh, WithdrawalType, Ct);
        Material = MaterialId is { } m ? Materials.FirstOrDefault(x => x.Id == m) : null;
        Card = await cards.GetAsync(Account.Grzh, Ct);
        Documents = Material is null ? [] : await materials.DocumentsAsync(Material.Id, Ct);
        var loans = await Accounts.LoansAsync(Account.Grzh, Ct);
        var hasCertificate = Documents.Any(d => d.Kind == DocumentKind.RetirementCertificate);
        Eligibility = WithdrawalEligibility.Check(WithdrawalType, Account, loans, WithdrawalClock.Today(time), hasCertificate);
        var required = DocumentKinds.Required(WithdrawalType).ToList();
        if (Eligibility.NeedsRetirementCertificate) required.Add(DocumentKind.RetirementCertificate);
        MissingDocuments = required.Where(k => Documents.All(d => d.Kind != k)).ToList();
        JsSdk = await jsSdk.ForAsync(Request, Ct);
        return null;
    }

    private IActionResult Back() => Redirect($"/h5/withdraw/apply?type={Type}" + (Material is null ? "" : $"&material={Material.Id}"));

    private IActionResult Fail(string problem)
    {
        Error = problem;
        if (IdempotencyKey.Length == 0) IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }
}
