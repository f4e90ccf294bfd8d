namespace Wechat.Host.Tools;

/// <summary>
/// The catalogue of 办事指南. Steps follow the centre's own operating guides (网上业务大厅个人版、单位版、移动APP、
/// 微信公众号操作指南) where those describe them; conditions and documents the guides do not list are the usual
/// national and local requirements, marked on every page as subject to the centre's current notice.
/// Slugs are stable: the business flows link here by them.
/// </summary>
public static class BusinessGuides
{
    public const string Caveat = "具体办理条件和所需要件以信阳市住房公积金管理中心最新公布为准，如有疑问请拨打12329咨询。";

    private const string WithdrawalSource =
        "办理步骤摘自中心《网上业务大厅（个人版）操作指南》“五、提取业务”和《微信公众号操作指南》“五、业务办理”。";

    private static readonly GuideLink Outlets = new("查找服务网点", "/h5/tools/outlets");
    private static readonly GuideLink Hotline = new("服务热线 12329", "/h5/tools/hotline");

    private static readonly string[] OnlineWithdrawalSteps =
    [
        "进入“业务办理”中的提取业务，选择要办理的提取类型，确认办理需要满足的条件以及所需要件后，点击“下一步”。",
        "未创建提取材料的，先点击“资料创建”（网厅为“创建提取材料”），填写相应登记信息；首次提取需填写本人银行卡信息。",
        "在材料列表中选择本次提取使用的材料，系统自动校验身份信息。",
        "身份信息校验通过后，核对信息，按提示上传资料。",
        "点击“申请提取”提交，资料提交到中心审核岗；审核通过后提取资金转入本人银行卡，业务办结。",
    ];

    public static IReadOnlyList<BusinessGuide> All { get; } =
    [
        new(
            "withdrawal-leaving-employment",
            "与单位终止（解除）劳动关系提取",
            "与单位终止劳动关系、账户封存满6个月且未重新就业缴存的，可提取个人账户余额。",
            "线上办理（微信公众号、网上业务大厅、手机APP），也可到服务网点柜台办理。",
            [
                "已与单位终止（解除）劳动关系，个人账户处于封存状态。",
                "账户封存满6个月（自封存日期起算），期间未在异地或其他单位继续缴存住房公积金。",
                "已注册并登录本人账户；首次提取需提供本人名下银行卡。",
            ],
            ["本人有效身份证件", "与单位终止（解除）劳动关系的证明（如解除劳动合同证明书）", "本人名下银行借记卡"],
            OnlineWithdrawalSteps,
            WithdrawalSource,
            [Outlets, Hotline]),
        new(
            "withdrawal-emigration",
            "出境定居提取",
            "出境定居的，可提取个人账户全部余额并办理销户。",
            "线上办理（微信公众号、网上业务大厅、手机APP），也可到服务网点柜台办理。",
            [
                "本人已出境定居（《住房公积金管理条例》第二十四条规定的提取情形）。",
                "提取后个人账户销户。",
            ],
            ["本人有效身份证件或护照", "出境定居证明（如户籍注销证明或定居国签发的定居证明）", "本人名下银行借记卡"],
            OnlineWithdrawalSteps,
            WithdrawalSource,
            [Outlets, Hotline]),
        new(
            "withdrawal-retirement",
            "离休、退休提取",
            "离休、退休的，可提取个人账户全部余额并办理销户。",
            "线上办理（微信公众号、网上业务大厅、手机APP），也可到服务网点柜台办理。",
            [
                "本人已办理离休、退休手续（《住房公积金管理条例》第二十四条规定的提取情形）。",
                "提取后个人账户销户。",
            ],
            ["本人有效身份证件", "离退休证或退休审批表", "本人名下银行借记卡"],
            OnlineWithdrawalSteps,
            WithdrawalSource,
            [Outlets, Hotline]),
        new(
            "loan",
            "住房公积金贷款",
            "缴存职工购买、建造、翻建、大修自住住房时，可申请住房公积金个人住房贷款。",
            "到服务网点柜台申请；受理后可在“贷款进度”中查询办理进度。",
            [
                "申请前连续足额缴存住房公积金，个人账户状态正常。",
                "购买本市自住住房，并已支付规定比例的首付款。",
                "个人信用良好，具有稳定的经济收入和偿还贷款本息的能力。",
                "贷款期限最长30年，利率执行申请时的个人住房公积金贷款利率（首套、二套及期限不同，利率不同）。",
            ],
            [
                "借款人及配偶的有效身份证件、户口簿、婚姻状况证明",
                "购房合同（或建房、修房的批准文件）及首付款凭证",
                "借款人名下银行借记卡（用于还款）",
                "中心要求的其他材料",
            ],
            [
                "用贷款计算器估算月还款额，查看现行房贷利率。",
                "携带材料到服务网点提交贷款申请，窗口受理。",
                "中心初审、审批。",
                "审批通过后签订借款合同，办理抵押登记。",
                "放款。贷款信息和办理进度可在公众号“贷款信息”“贷款进度”中查询。",
            ],
            "查询方式摘自中心《微信公众号操作指南》“四、查询业务”；进度环节（受理、初审、审批、签订合同、抵押登记、放款）为中心贷款进度所列环节。",
            [new("贷款计算器", "/h5/tools/calculator"), new("房贷利率", "/h5/tools/rates"), new("合作楼盘", "/h5/tools/developments"), Outlets]),
        new(
            "phone-change",
            "修改手机号",
            "更换预留手机号码，之后的短信验证码发往新号码。",
            "线上办理（微信公众号“手机变更”、网上业务大厅“设置”、手机APP）。",
            [
                "已注册并登录本人账户。",
                "新手机号码能正常接收短信验证码。",
                "原手机号已无法使用且无法登录的，可由单位专管员在单位网厅“信息修改—职工信息修改”中修改，或本人到服务网点办理。",
            ],
            ["线上办理无需提交材料", "到网点办理的，携带本人有效身份证件"],
            [
                "点击“手机变更”。",
                "输入新手机号，获取并填写短信验证码。",
                "点击“确定”，提示成功，业务办结。",
            ],
            "办理步骤摘自中心《微信公众号操作指南》“五、业务办理—2、手机变更”和《网上业务大厅（单位版）操作指南》“五、信息修改”。",
            [Outlets, Hotline]),
        new(
            "transfer",
            "转移接续",
            "职工调换工作单位后，将住房公积金账户转入新单位继续缴存；跨城市的，办理异地转移接续。",
            "本市单位间转移由新单位专管员在单位网上业务大厅办理；异地转移在转入地申请。",
            [
                "已在新单位参加住房公积金缴存，或新单位已为本人开户。",
                "原账户已由原单位办理封存。",
                "跨城市转移的，在转入地已建立住房公积金账户。",
            ],
            ["本人有效身份证件", "本市转移由单位专管员办理，个人无需提交材料"],
            [
                "本市转移：新单位专管员在单位网厅点击“职工转移—转入单位申请—新增”，填写转移职工信息并保存。",
                "清册数据校验成功后点击“提交”，职工转移成功；人数较多时可用“文件导入”批量办理。",
                "异地转移：在转入地公积金中心（或全国住房公积金小程序）申请转移接续，两地中心通过全国异地转移接续平台办理，无需本人往返。",
            ],
            "本市转移步骤摘自中心《网上业务大厅（单位版）操作指南》“六、职工转移”。",
            [Outlets, Hotline]),
    ];

    public static BusinessGuide? Find(string? slug) =>
        All.FirstOrDefault(g => string.Equals(g.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
