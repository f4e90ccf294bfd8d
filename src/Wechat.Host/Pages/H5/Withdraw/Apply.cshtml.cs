using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Core;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wechat.Host.H5;
using Wechat.Host.Sms;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>
/// One type's application in the guide's steps: pick or create a material, enter or replace the bank card, upload
/// the documents, submit once. Every handler re-reads the bound account and re-checks the rules. Money and the card
/// it goes to need proof of the person, not just the session: the online-hall password and a code sent to the phone
/// on record (<see cref="WithdrawalProof"/>).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RequestSizeLimit(12 * 1024 * 1024)]
public sealed class ApplyModel(
    AccountQuery accounts, MySqlMaterialStore materials, MySqlBankCardStore cards, MySqlApplicationStore applications,
    DocumentFiles files, JsSdkConfig jsSdk, WithdrawalProof proof, MySqlWithdrawalStore withdrawals, IOptions<WithdrawalLimits> limits,
    TimeProvider time, ILogger<ApplyModel> log) : BoundAccountPage(accounts)
{
    /// <summary>The query flag <see cref="OversizeUploads"/> sends the citizen back with.</summary>
    public const string TooLargeFlag = "too-large";

    [BindProperty(SupportsGet = true)] public int Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "material")] public long? MaterialId { get; set; }
    [BindProperty(SupportsGet = true, Name = "upload")] public string? UploadFlag { get; set; }
    [BindProperty] public Dictionary<string, string?> Facts { get; set; } = [];
    [BindProperty] public string BankName { get; set; } = "";
    [BindProperty] public string CardNumber { get; set; } = "";
    [BindProperty] public bool ConfirmCard { get; set; }
    [BindProperty] public int UploadKind { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public long DocumentId { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    /// <summary>租房, 购房, 还贷: the amount asked, as typed (元).</summary>
    [BindProperty] public string Amount { get; set; } = "";

    public WithdrawalType WithdrawalType => (WithdrawalType)Type;
    public Eligibility Eligibility { get; private set; } = null!;
    public IReadOnlyList<WithdrawalMaterial> Materials { get; private set; } = [];
    public WithdrawalMaterial? Material { get; private set; }
    public BankCardOnFile? Card { get; private set; }
    public IReadOnlyList<WithdrawalDocument> Documents { get; private set; } = [];
    public IReadOnlyList<DocumentKind> MissingDocuments { get; private set; } = [];
    /// <summary>Why the selected material cannot be used today (a date out of the window, a contract already used), or null.</summary>
    public string? MaterialProblem { get; private set; }
    /// <summary>The most this application may ask for; null for the closing types, which take the whole balance.</summary>
    public decimal? Maximum { get; private set; }
    public bool IsPartial => !WithdrawalType.IsClosing();
    public WithdrawalLimits Limits => limits.Value;
    public JsSdkSettings? JsSdk { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public string? CardWarning { get; private set; }
    /// <summary>Which form the error or notice belongs to: "card", "upload" or "submit".</summary>
    public string? Section { get; private set; }
    public int MaxUploadBytes => files.MaxBytes;
    public int MaxUploadMegabytes => files.MaxBytes / 1024 / 1024;
    public string TooLargeMessage => files.TooLargeMessage;
    public string MaskedPhone => Mask.Phone(Account.Phone);
    /// <summary>The latest day a material's date may name, for the date inputs' max.</summary>
    public string TodayText => CentreClock.Today(time).ToString("yyyy-MM-dd");

    public static readonly IReadOnlyList<string> Banks =
        ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "中国邮政储蓄银行", "信阳农商银行"];

    public bool CanSubmit => Eligibility.ReadyToSubmit && Material is not null && Card is not null && MissingDocuments.Count == 0
                             && MaterialProblem is null && Maximum is null or > 0;

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        if (UploadFlag == TooLargeFlag) return Fail(TooLargeMessage, "upload");
        return Page();
    }

    public async Task<IActionResult> OnPostMaterialAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        var (facts, problem) = MaterialFields.Clean(WithdrawalType, Facts, CentreClock.Today(time));
        if (problem is not null) return Fail(problem);
        var draft = new WithdrawalMaterial(0, Account.Grzh, WithdrawalType, facts, time.GetUtcNow());
        if (PartialWithdrawalRules.MaterialProblem(draft, await withdrawals.GetPastAsync(Account.Grzh, Ct), CentreClock.Today(time), limits.Value) is { } stale)
            return Fail(stale);
        var id = await materials.CreateAsync(Account.Grzh, WithdrawalType, facts, Ct);
        return Redirect($"/h5/withdraw/apply?type={Type}&material={id}");
    }

    public async Task<IActionResult> OnPostDeleteMaterialAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (Material is null) return Fail("请先选择提取材料");
        var (removed, problem) = await materials.DeleteAsync(Account.Grzh, Material.Id, Ct);
        if (problem is not null) return Fail(problem);
        files.Remove(removed);
        return Redirect($"/h5/withdraw/apply?type={Type}");
    }

    /// <summary>Sends the code that confirms a card or a submission to the phone on record, keeping what was typed.</summary>
    public async Task<IActionResult> OnPostSendCodeAsync(string? section)
    {
        if (await GuardAsync() is { } leave) return leave;
        Section = section is "card" or "submit" ? section : "submit";
        if (IdempotencyKey.Length == 0) IdempotencyKey = Guid.NewGuid().ToString("N");
        var outcome = await proof.SendCodeAsync(HttpContext, Account);
        var sent = outcome == SmsSendOutcome.Sent;
        return this.CodeReply(sent, outcome.Describe(MaskedPhone), () =>
        {
            if (sent) Notice = outcome.Describe(MaskedPhone);
            else Error = outcome.Describe(MaskedPhone);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostCardAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (!Banks.Contains(BankName)) return Fail("请选择开户银行", "card");
        switch (BankCardNumber.Check(CardNumber))
        {
            case BankCardVerdict.Invalid:
                return Fail("银行卡号无效：应为62开头的16至19位数字", "card");
            case BankCardVerdict.LuhnWarning when !ConfirmCard:
                Section = "card";
                CardWarning = "卡号未通过校验，请仔细核对。确认无误请勾选“卡号已核对”后再次保存。";
                return Page();
        }
        if (await proof.ProblemAsync(HttpContext, Account, Password, Code) is { } unproven) return Fail(unproven, "card");
        if (await cards.SaveAsync(Account.Grzh, BankName, CardNumber, Ct) is { } problem) return Fail(problem, "card");
        log.LogInformation("Bank card {Change} for a withdrawal", Card is null ? "saved" : "replaced");
        return Back();
    }

    public async Task<IActionResult> OnPostUploadAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (!Eligibility.Allowed) return Fail("尚不符合提取条件，请查看校验结果", "upload");
        if (Material is null) return Fail("请先选择提取材料", "upload");
        if (Upload is null) return Fail("请选择要上传的文件", "upload");
        if (await files.SaveAsync(Account.Grzh, Material.Id, (DocumentKind)UploadKind, Upload, Ct) is { } problem) return Fail(problem, "upload");
        return Back();
    }

    public async Task<IActionResult> OnPostDeleteDocumentAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        var (removed, problem) = await materials.DeleteDocumentAsync(Account.Grzh, DocumentId, Ct);
        if (problem is not null) return Fail(problem, "upload");
        files.Remove([removed!]);
        return Back();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await GuardAsync() is { } leave) return leave;
        if (IdempotencyKey.Length != 32 || !IdempotencyKey.All(char.IsAsciiHexDigitLower)) return Fail("页面已过期，请刷新后重试", "submit");
        if (!CanSubmit)
            return Fail(Eligibility.ReadyToSubmit ? "请完成提取材料、银行卡和上传材料后再提交" : "尚不符合提取条件，请查看校验结果", "submit");
        decimal? asked = null;
        if (Maximum is { } maximum)
        {
            // Checked before the password and code, so a wrong amount does not spend the code.
            var (amount, amountProblem) = PartialWithdrawalRules.Amount(Amount, maximum);
            if (amountProblem is not null) return Fail(amountProblem, "submit");
            asked = amount;
        }
        if (await proof.ProblemAsync(HttpContext, Account, Password, Code) is { } unproven) return Fail(unproven, "submit");
        var (outcome, id) = await applications.SubmitAsync(Account.Grzh, WithdrawalType, Material!.Id, IdempotencyKey, RequiredKinds(), Ct, asked);
        log.LogInformation("Withdrawal {WithdrawalId} submit: {Outcome}", id, outcome);
        if (outcome == SubmitOutcome.DocumentsMissing) return Fail("上传材料已变化，请核对后重新提交", "submit");
        if (outcome == SubmitOutcome.OverBalance) return Fail("账户余额已变化，提取金额超过当前余额，请重新填写", "submit");
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
        Documents = Material is null ? [] : await materials.PendingDocumentsAsync(Account.Grzh, Material.Id, Ct);
        var loans = await Accounts.LoansAsync(Account.Grzh, Ct);
        var hasCertificate = Documents.Any(d => d.Kind == DocumentKind.RetirementCertificate);
        var today = CentreClock.Today(time);
        var past = IsPartial ? await withdrawals.GetPastAsync(Account.Grzh, Ct) : [];
        Eligibility = WithdrawalEligibility.Check(WithdrawalType, Account, loans, today, hasCertificate,
            past.Select(p => p.Withdrawal).ToList(), limits.Value);
        if (IsPartial)
        {
            MaterialProblem = Material is null ? null : PartialWithdrawalRules.MaterialProblem(Material, past, today, limits.Value);
            Maximum = PartialWithdrawalRules.Maximum(WithdrawalType, Material, Account.Balance, limits.Value);
        }
        MissingDocuments = RequiredKinds().Where(k => Documents.All(d => d.Kind != k)).ToList();
        JsSdk = await jsSdk.ForAsync(Request, Ct);
        return null;
    }

    private List<DocumentKind> RequiredKinds()
    {
        var required = DocumentKinds.Required(WithdrawalType, Material?.Facts).ToList();
        if (Eligibility.NeedsRetirementCertificate) required.Add(DocumentKind.RetirementCertificate);
        return required;
    }

    private IActionResult Back() => Redirect($"/h5/withdraw/apply?type={Type}" + (Material is null ? "" : $"&material={Material.Id}"));

    private IActionResult Fail(string problem, string? section = null)
    {
        Error = problem;
        Section = section;
        if (IdempotencyKey.Length == 0) IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }
}
