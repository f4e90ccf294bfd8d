using Dapper;
using Fund.Core.Binding;
using Fund.Core.Validation;
using Fund.Data.Stores;

namespace Fund.Data.Tests;

/// <summary>The citizens' access changes: one transaction each with its audit line, and the displaced WeChat user told.</summary>
[Collection(DataCollection.Name)]
public sealed class CitizenAccessChangesTests(DataFixture fx)
{
    private static string NewOpenId() => "test-" + Guid.NewGuid().ToString("N");

    private async Task<IReadOnlyList<(string Actor, string Action, string Detail, string? Address)>> AuditOfAsync(string grzh)
    {
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        return (await conn.QueryAsync<(string, string, string, string?)>(
            "SELECT actor, action, detail, client_address FROM audit_log WHERE target = @target ORDER BY id",
            new { target = AuditTrail.Citizen(grzh) })).ToList();
    }

    [Fact]
    public async Task SigningInFromAnotherWechatMovesTheBindingTellsTheOldOneAndAuditsBothWithoutTheOpenId()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var changes = fx.Get<CitizenAccessChanges>();
        string first = NewOpenId(), second = NewOpenId();

        Assert.Null(await changes.BindAsync(a.Grzh, new AccessOrigin(first, "203.0.113.5"), default));
        Assert.Equal(first, await changes.BindAsync(a.Grzh, new AccessOrigin(second, "198.51.100.9"), default));

        var bindings = fx.Get<IBindingStore>();
        Assert.Null(await bindings.GetGrzhAsync(first, default));
        Assert.Equal(a.Grzh, await bindings.GetGrzhAsync(second, default));
        var told = Assert.Single(await fx.Get<NotificationOutbox>().ForOpenIdAsync(first, default));
        Assert.Equal(TemplateKeys.AccountSecurity, told.TemplateKey);
        Assert.Empty(await fx.Get<NotificationOutbox>().ForOpenIdAsync(second, default));

        var audit = await AuditOfAsync(a.Grzh);
        Assert.Equal(["citizen.bind", "citizen.bind"], audit.Select(l => l.Action));
        Assert.Equal(["203.0.113.5", "198.51.100.9"], audit.Select(l => l.Address));
        Assert.Equal(changes.AuditId(second), audit[1].Actor);
        Assert.Equal("moved from " + changes.AuditId(first), audit[1].Detail);
        Assert.All(audit, l => Assert.DoesNotContain("test-", l.Actor + l.Detail));
    }

    [Fact]
    public async Task AResetReleasesTheBindingAndTellsItsHolder()
    {
        var a = await TestAccounts.CreateAsync(fx.Get<MySqlAccountStore>());
        var changes = fx.Get<CitizenAccessChanges>();
        var logins = fx.Get<MySqlCitizenLoginStore>();
        await logins.TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(a.Grzh, "old-hash", "q", "a"), default);
        string holder = NewOpenId(), owner = NewOpenId();
        await changes.BindAsync(a.Grzh, new AccessOrigin(holder, "203.0.113.5"), default);

        Assert.Equal(holder, await changes.ResetPasswordAsync(a.Grzh, "new-hash", new AccessOrigin(owner, "198.51.100.9"), default));

        Assert.Equal("new-hash", (await logins.GetAsync(a.Grzh, default))!.PasswordHash);
        Assert.Null(await fx.Get<IBindingStore>().GetGrzhAsync(holder, default));
        Assert.Single(await fx.Get<NotificationOutbox>().ForOpenIdAsync(holder, default));
        Assert.Equal("citizen.password.reset", (await AuditOfAsync(a.Grzh))[^1].Action);
    }

    [Fact]
    public async Task APhoneChangeIsAuditedMaskedAndTheChatUnbindIsAuditedToo()
    {
        var store = fx.Get<MySqlAccountStore>();
        var a = await TestAccounts.CreateAsync(store);
        var changes = fx.Get<CitizenAccessChanges>();
        var openId = NewOpenId();
        const string newPhone = "13912345678";
        await changes.BindAsync(a.Grzh, new AccessOrigin(openId, "203.0.113.5"), default);

        await changes.ChangePhoneAsync(a.Grzh, a.Phone, newPhone, new AccessOrigin(openId, "203.0.113.5"), default);
        Assert.Equal(newPhone, (await store.GetAsync(a.Grzh, default))!.Phone);
        Assert.True(await fx.Get<IBindingStore>().UnbindAsync(openId, default));

        var audit = await AuditOfAsync(a.Grzh);
        Assert.Equal(["citizen.bind", "citizen.phone.change", "citizen.unbind"], audit.Select(l => l.Action));
        Assert.Equal($"{Mask.Phone(a.Phone)} -> {Mask.Phone(newPhone)}", audit[1].Detail);
        Assert.DoesNotContain(newPhone, string.Concat(audit.Select(l => l.Detail)));
        Assert.Equal(("chat", AccessOrigin.WechatChat), (audit[2].Detail, audit[2].Address));
    }
}
