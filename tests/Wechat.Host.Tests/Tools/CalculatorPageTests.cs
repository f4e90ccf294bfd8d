using System.Net;

namespace Wechat.Host.Tests.Tools;

[Collection(ToolsHostCollection.Name)]
public class CalculatorPageTests(ToolsHostFactory factory)
{
    private async Task<string> PageAsync(string query)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/h5/tools/calculator" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASharedLinkShowsTheEqualInstalmentResult()
    {
        var html = await PageAsync("?amount=1000000&months=360&rate=3.1&method=annuity");
        Assert.Contains("4,270.16", html);       // monthly payment, verified in Fund.Core.Tests
        Assert.Contains("537,260.03", html);     // total interest
        Assert.Contains("1,537,260.03", html);   // total repayment
        Assert.Contains("共 360 期", html);
        Assert.Contains("按月利率=年利率÷12计算，金额四舍五入到分，末期轧差", html);
        Assert.Contains("value=\"3.1\"", html);  // the form keeps what was asked
    }

    [Fact]
    public async Task EqualPrincipalShowsFirstLastAndMonthlyDecrease()
    {
        var html = await PageAsync("?amount=1000000&months=360&rate=3.1&method=principal");
        Assert.Contains("首月还款", html);
        Assert.Contains("5,361.11", html);
        Assert.Contains("2,784.95", html);     // last month: 2777.7778 + 7.1759 rounded once
        Assert.Contains("466,291.67", html);   // total interest P·r·(n+1)/2, as published calculators show it
        Assert.Contains("约 7.18 元", html);
    }

    [Fact]
    public async Task ABlankRateTakesTheCurrentTablesRateForTheHomeAndTerm()
    {
        Assert.Contains("value=\"2.60\"", await PageAsync(""));
        Assert.Contains("value=\"2.60\"", await PageAsync("?amount=500000&months=240&method=annuity"));
        Assert.Contains("2,673.94", await PageAsync("?amount=500000&months=240&method=annuity"));
        Assert.Contains("value=\"2.10\"", await PageAsync("?amount=300000&months=60&home=first"));
        Assert.Contains("value=\"3.075\"", await PageAsync("?amount=500000&months=240&home=second"));
    }

    /// <summary>Issue 19 item 24: a term out of range is an error, not a new "999 个月" choice in the list.</summary>
    [Fact]
    public async Task ATermOutOfRangeIsNotOfferedAsAChoice()
    {
        var html = await PageAsync("?amount=100000&months=999&rate=3.1");
        Assert.Contains("贷款期限须在1至360个月（30年）之间。", html);
        Assert.DoesNotContain("999 个月", html);
        Assert.DoesNotContain("value=\"999\"", html);
        Assert.Contains("150 个月", await PageAsync("?amount=100000&months=150&rate=3.1"));
    }

    [Theory]
    [InlineData("?amount=abc&months=360&rate=3.1", "请输入贷款金额（元）")]
    [InlineData("?amount=-5&months=360&rate=3.1", "贷款金额须大于0元。")]
    [InlineData("?amount=100000&months=999&rate=3.1", "贷款期限须在1至360个月（30年）之间。")]
    [InlineData("?amount=100000&months=x&rate=3.1", "请选择或输入贷款期限（月数）。")]
    [InlineData("?amount=100000&months=360&rate=-1", "年利率不能为负数。")]
    [InlineData("?amount=100000&months=360&rate=1e3", "年利率格式不正确")]
    [InlineData("?amount=100000&months=360&rate=3.1&method=bogus", "请选择还款方式")]
    [InlineData("?amount=99999999999999999999999999999999&months=360&rate=3.1", "请输入贷款金额（元）")]
    public async Task BadInputIsAChineseMessageOnTheFormNotAnError(string query, string message)
    {
        var html = await PageAsync(query);
        Assert.Contains(message, html);
        Assert.DoesNotContain("id=\"result\"", html);
    }
}
