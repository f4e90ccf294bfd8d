using Fund.Core.Accounts;
using Fund.Core.Validation;

namespace Wechat.Host.H5;

/// <summary>
/// The steps registration and 忘记密码 share, in every channel: the person named by name, ID number and the phone on
/// record, and the new password with its confirmation. One place, so a rule or a message changed here changes in both
/// flows and in H5 and the hall alike.
/// </summary>
public sealed class IdentityStep(IAccountStore accounts)
{
    /// <summary>Every empty or malformed field at once, before anything is looked up or counted.</summary>
    public static List<string> Problems(string? name, string? idNumber, string? phone)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name)) problems.Add("请输入姓名");
        if (string.IsNullOrWhiteSpace(idNumber)) problems.Add("请输入身份证号");
        else if (IdNumber.Problem(idNumber) is { } idProblem) problems.Add(idProblem);
        if (string.IsNullOrWhiteSpace(phone)) problems.Add("请输入预留手机号");
        else if (!MobileNumber.IsValid(phone.Trim())) problems.Add("请输入正确的11位手机号");
        return problems;
    }

    /// <summary>The account whose holder has this name, ID number and phone of record, or null (registered or not).</summary>
    public async Task<PersonalAccount?> MatchAsync(string name, string idNumber, string phone, CancellationToken ct)
    {
        var account = await accounts.FindByIdNumberAsync(idNumber.Trim(), ct);
        return account is null || account.Name != name.Trim() || account.Phone != phone.Trim() ? null : account;
    }

    /// <summary>Why the new password (typed twice) cannot be set for the account, or null.</summary>
    public static string? NewPasswordProblem(string? password, string? confirmation, PersonalAccount account) =>
        CitizenPasswords.Problem(password, account) ?? (password != confirmation ? "两次输入的密码不一致" : null);
}
