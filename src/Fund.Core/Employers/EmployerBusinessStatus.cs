namespace Fund.Core.Employers;

/// <summary>Where an employer's business (a 清册, a 汇缴, a 职工信息修改) stands: a draft still being edited, or posted.</summary>
public enum EmployerBusinessStatus
{
    Draft = 1,  // 草稿
    Posted = 2, // 已提交
}

public static class EmployerBusinessStatuses
{
    public static string DisplayName(this EmployerBusinessStatus status) => status == EmployerBusinessStatus.Posted ? "已提交" : "草稿";
}
