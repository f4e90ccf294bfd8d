using System.Net;
using Dapper;
using Fund.Data;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Counter;

/// <summary>
/// Supervisors keep the reference data in the counter console. The test database is shared, so each test adds its
/// own rows and removes them, and never touches the demo rows or the rate table in force that other tests read.
/// </summary>
public sealed class ReferenceDataTests(ReferenceDataHost factory) : IClassFixture<ReferenceDataHost>
{
    private MySqlOutletStore Outlets => factory.Services.GetRequiredService<MySqlOutletStore>();
    private MySqlPartnerDevelopmentStore Developments => factory.Services.GetRequiredService<MySqlPartnerDevelopmentStore>();
    private AuditTrail Audit => factory.Services.GetRequiredService<AuditTrail>();

    [Theory]
    [InlineData("/counter/reference/outlets")]
    [InlineData("/counter/reference/outlets/edit")]
    [InlineData("/counter/reference/developments")]
    [InlineData("/counter/reference/developments/edit/1")]
    [InlineData("/counter/reference/rates")]
    public async Task AClerkIsSentToTheDeniedPage(string url)
    {
        var clerk = await factory.ClerkAsync();
        var response = await clerk.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/counter/denied", response.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain("reference-link", await clerk.PageAsync("/counter"));
    }

    [Fact]
    public async Task ASupervisorAddsAnOutletCitizensSeeItAndDeletingItIsAudited()
    {
        var name = "测试网点" + Guid.NewGuid().ToString("N")[..8];
        var super = await factory.SupervisorAsync();
        Assert.Contains("reference-link", await super.PageAsync("/counter"));
        try
        {
            // 新县: far enough from every demo outlet not to change which one other tests find nearest.
            var added = await super.PostFormAsync("/counter/reference/outlets/edit", "/counter/reference/outlets/edit", new()
            {
                ["Name"] = name, ["Address"] = "新县测试路1号", ["Hours"] = "周一至周五 9:00-17:00",
                ["Phone"] = "0376-12329", ["Latitude"] = "31.64", ["Longitude"] = "114.87",
            });
            Assert.Equal("/counter/reference/outlets?done=added", added.Headers.Location!.OriginalString);
            var outlet = Assert.Single(await Outlets.GetAllAsync(default), o => o.Name == name);
            Assert.False(outlet.IsDemo);
            Assert.Contains(name, await super.PageAsync("/h5/tools/outlets"));

            var deleted = await super.PostFormAsync("/counter/reference/outlets", $"/counter/reference/outlets?handler=Delete&id={outlet.Id}", []);
            Assert.Equal("/counter/reference/outlets?done=deleted", deleted.Headers.Location!.OriginalString);
            Assert.DoesNotContain(name, await super.PageAsync("/h5/tools/outlets"));

            var audit = await Audit.ForTargetAsync(MySqlOutletStore.Target(outlet.Id), default);
            Assert.Equal(["outlet.add", "outlet.delete"], audit.Select(a => a.Action));
            Assert.All(audit, a => Assert.Equal("staff:super1", a.Actor));
            Assert.Contains(name, audit[0].Detail);
        }
        finally
        {
            await ExecuteAsync("DELETE FROM service_outlet WHERE name = @name", new { name });
        }
    }

    [Fact]
    public async Task EditingADemoDevelopmentSavesItClearsTheDemoMarkAndIsAudited()
    {
        var name = "测试楼盘" + Guid.NewGuid().ToString("N")[..8];
        var id = await ScalarAsync("""
            INSERT INTO partner_development (name, developer, district, address, status, is_demo)
            VALUES (@name, '主机测试开发企业', '息县', '息县测试路1号', '在建', 1);
            SELECT LAST_INSERT_ID();
            """, new { name = name + "（演示）" });
        var super = await factory.SupervisorAsync();
        try
        {
            var url = $"/counter/reference/developments/edit/{id}";
            Assert.Contains("这是演示数据", await super.PageAsync(url));
            var saved = await super.PostFormAsync(url, url, new()
            {
                ["Name"] = name, ["Developer"] = "主机测试开发企业", ["District"] = "息县", ["Address"] = "息县测试路2号", ["Status"] = "在售",
            });
            Assert.Equal("/counter/reference/developments?done=saved", saved.Headers.Location!.OriginalString);

            var development = (await Developments.GetAsync(id, default))!;
            Assert.Equal((name, "息县测试路2号", "在售", false), (development.Name, development.Address, development.Status, development.IsDemo));
            Assert.Contains(name, await super.PageAsync("/h5/tools/developments?q=" + Uri.EscapeDataString(name)));
            var audit = Assert.Single(await Audit.ForTargetAsync(MySqlPartnerDevelopmentStore.Target(id), default));
            Assert.Equal(("staff:super1", "development.edit"), (audit.Actor, audit.Action));
            Assert.Contains("status=在售", audit.Detail);
        }
        finally
        {
            await ExecuteAsync("DELETE FROM partner_development WHERE id = @id", new { id });
        }
    }

    [Fact]
    public async Task ARateTableIsAddedToTheHistoryWhileTheTableInForceStaysAndHistoryCannotBeChanged()
    {
        // Before every real table, so the rates other tests read (2.60% in force since 2025-05-08) do not move.
        const string date = "2020-01-01";
        await RemoveTestRatesAsync();
        var super = await factory.SupervisorAsync();
        try
        {
            var fields = new Dictionary<string, string>
            {
                ["EffectiveFrom"] = date, ["FirstShort"] = "3.25", ["FirstLong"] = "3.75", ["SecondShort"] = "3.575", ["SecondLong"] = "4.125", ["Note"] = "主机测试",
            };
            var added = await super.PostFormAsync("/counter/reference/rates", "/counter/reference/rates?handler=Add", new(fields));
            Assert.Equal("/counter/reference/rates?done=added", added.Headers.Location!.OriginalString);

            var citizens = await super.PageAsync("/h5/tools/rates");
            Assert.Contains("2020年1月1日起执行", citizens);
            Assert.Contains("2025年5月8日", citizens);
            var rate = await factory.Services.GetRequiredService<Fund.Core.Loans.RateTable>()
                .RateForAsync(Fund.Core.Loans.HomeKind.First, 360, new DateOnly(2020, 6, 1), default);
            Assert.Equal(0.0375m, rate!.AnnualRate);
            Assert.Equal("loan_rate.add", (await Audit.ForTargetAsync(MySqlLoanRateStore.Target(new DateOnly(2020, 1, 1)), default))[^1].Action);

            var again = await super.PostFormAsync("/counter/reference/rates", "/counter/reference/rates?handler=Add", new(fields));
            Assert.Contains("2020-01-01已有利率表", await super.TextAsync(again));
            var withdraw = await super.PostFormAsync("/counter/reference/rates", $"/counter/reference/rates?handler=Withdraw&date={date}", []);
            Assert.Contains("只能撤销尚未生效的利率表", await super.TextAsync(withdraw));
            Assert.Equal(4, await ScalarAsync("SELECT COUNT(*) FROM loan_rate WHERE effective_from = '2020-01-01'", null));
        }
        finally
        {
            await RemoveTestRatesAsync();
        }
    }

    [Fact]
    public async Task InvalidInputIsRefusedInChineseAndChangesNothing()
    {
        var super = await factory.SupervisorAsync();
        var outletsBefore = (await Outlets.GetAllAsync(default)).Count;
        var outlet = await super.TextAsync(await super.PostFormAsync("/counter/reference/outlets/edit", "/counter/reference/outlets/edit", new()
        {
            ["Name"] = "", ["Address"] = new string('路', 201), ["Hours"] = "全天", ["Phone"] = "电话12329", ["Latitude"] = "114.07", ["Longitude"] = "abc",
        }));
        Assert.Contains("请填写网点名称", outlet);
        Assert.Contains("地址不超过200字", outlet);
        Assert.Contains("电话只能包含数字", outlet);
        Assert.Contains("纬度应为", outlet);
        Assert.Contains("经度应为", outlet);
        Assert.Equal(outletsBefore, (await Outlets.GetAllAsync(default)).Count);

        var development = await super.TextAsync(await super.PostFormAsync("/counter/reference/developments/edit", "/counter/reference/developments/edit", new()
        {
            ["Name"] = "不应保存的楼盘", ["Developer"] = "", ["District"] = "浉河区", ["Address"] = "某路", ["Status"] = "卖完了",
        }));
        Assert.Contains("请填写开发企业", development);
        Assert.Contains("请选择销售状态", development);
        Assert.Empty(await Developments.SearchAsync("不应保存的楼盘", null, default));

        var rates = await super.TextAsync(await super.PostFormAsync("/counter/reference/rates", "/counter/reference/rates?handler=Add", new()
        {
            ["EffectiveFrom"] = "2019-13-01", ["FirstShort"] = "30", ["FirstLong"] = "0", ["SecondShort"] = "2.5", ["SecondLong"] = "x",
        }));
        Assert.Contains("请填写生效日期", rates);
        Assert.Contains("首套5年以下（含5年）利率应大于0且不超过24%", rates);
        Assert.Contains("首套5年以上利率应大于0且不超过24%", rates);
        Assert.Contains("二套5年以上利率应大于0且不超过24%", rates);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM loan_rate WHERE effective_from < '2022-10-01'", null));
    }

    private Task RemoveTestRatesAsync() => ExecuteAsync("DELETE FROM loan_rate WHERE effective_from = '2020-01-01'", null);

    private async Task ExecuteAsync(string sql, object? args)
    {
        await using var conn = await factory.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        await conn.ExecuteAsync(sql, args);
    }

    private async Task<int> ScalarAsync(string sql, object? args)
    {
        await using var conn = await factory.Services.GetRequiredService<FundDatabase>().OpenAsync(default);
        return await conn.ExecuteScalarAsync<int>(sql, args);
    }
}
