using Fund.Core.Validation;

namespace Fund.Core.Employers;

/// <summary>职工信息修改: what an employer may change about an employee's phone of record, and when it is no change at all.</summary>
public static class EmployeePhoneChange
{
    public const string Unchanged = "新手机号码与该职工现在的预留手机号相同，未作修改";

    /// <summary>The form's cells, explained in Chinese, or null.</summary>
    public static string? Problem(string grzh, string newPhone) =>
        grzh.Length != 12 || !grzh.All(char.IsAsciiDigit) ? "个人账号应为12位数字"
        : !MobileNumber.IsValid(newPhone) ? "手机号码应为11位手机号"
        : null;

    /// <summary>The change against the number on record: null when it changes something.</summary>
    public static string? Against(string? currentPhone, string newPhone) => currentPhone == newPhone ? Unchanged : null;
}
