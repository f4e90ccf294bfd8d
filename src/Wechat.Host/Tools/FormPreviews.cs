namespace Wechat.Host.Tools;

/// <summary>One of the centre's paper forms, as 我的工具 previews it: what it is for and the fields it asks.</summary>
public sealed record FormPreview(string Slug, string Title, string Purpose, string GuideSlug, IReadOnlyList<(string Section, IReadOnlyList<string> Fields)> Sections);

/// <summary>
/// The forms a citizen may need at a counter, previewed online so they can be read (and printed) before the visit:
/// the guide's 我的工具 → 表格预览. Fields follow the data the online flows ask for; the counter's current form prevails.
/// </summary>
public static class FormPreviews
{
    public const string Caveat = "表格样式仅供预览和提前准备，以服务网点现行表格为准。";

    public static IReadOnlyList<FormPreview> All { get; } =
    [
        new("withdrawal", "住房公积金提取申请表", "办理各类提取业务时填写；网上办理提取的无需填写。", "withdrawal-rent",
        [
            ("申请人信息", ["姓名", "身份证号", "个人账号", "工作单位", "联系电话"]),
            ("提取信息", ["提取类型", "提取原因", "申请提取金额（元）", "是否销户"]),
            ("收款银行卡", ["开户银行", "银行卡号（本人名下借记卡）"]),
            ("申请人承诺", ["本人承诺所提供资料真实有效，如有虚假愿承担相应法律责任。申请人签字：　　　　日期：　　　　"]),
        ]),
        new("phone-change", "个人信息变更申请表（手机号码）", "无法接收原手机号验证码、需到柜台变更预留手机号时填写。", "phone-change",
        [
            ("申请人信息", ["姓名", "身份证号", "个人账号"]),
            ("变更内容", ["原手机号码", "新手机号码", "变更原因"]),
            ("申请人签字", ["申请人签字：　　　　日期：　　　　"]),
        ]),
        new("loan", "住房公积金个人住房贷款申请表", "申请住房公积金贷款时填写，随贷款要件一并提交受理银行或服务网点。", "loan",
        [
            ("借款人信息", ["姓名", "身份证号", "个人账号", "婚姻状况", "工作单位", "月收入（元）", "联系电话"]),
            ("所购房屋", ["房屋坐落", "建筑面积（㎡）", "购房总价（元）", "首付款（元）"]),
            ("贷款申请", ["申请贷款金额（元）", "贷款期限（月）", "还款方式（等额本息／等额本金）", "还款银行卡"]),
            ("借款人签字", ["借款人签字：　　　　配偶签字：　　　　日期：　　　　"]),
        ]),
    ];

    public static FormPreview? Find(string? slug) => All.FirstOrDefault(f => f.Slug == slug);
}
