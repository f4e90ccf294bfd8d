using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Security;

/// <summary>`seed` only in Development; `staff` verbs create, reset and disable counter staff, audited, under the password policy.</summary>
public sealed class StaffVerbsTests : IClassFixture<FundHostFactory>
{
    private readonly FundHostFactory factory;

    // Starting the Development host first migrates the test database, which the verbs (run as processes) expect.
    public StaffVerbsTests(FundHostFactory factory) => (this.factory = factory).Services.GetRequiredService<CounterStaffStore>();

    private static string NewName() => "v" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task SeedIsRefusedInProductionWithAClearMessage()
    {
        var result = await HostCommand.RunAsync("Production", HostCommand.TestDatabase(), null, "seed");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("seed: refused in Production", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task StaffAddReadsThePasswordFromStandardInputAndAuditsIt()
    {
        var name = NewName();
        var result = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), "Quiet-River-2031",
            "staff", "add", name, "--role", "supervisor", "--display-name", "科长测试");

        Assert.True(result.ExitCode == 0, result.Error);
        var member = await factory.Services.GetRequiredService<CounterStaffStore>().FindAsync(name, default);
        Assert.NotNull(member);
        Assert.Equal((CounterRole.Supervisor, "科长测试", true), (member.Role, member.DisplayName, member.Enabled));
        Assert.DoesNotContain("Quiet-River-2031", member.PasswordHash);
        var audit = Assert.Single(await factory.Services.GetRequiredService<AuditTrail>().ForTargetAsync(CounterStaffStore.Target(name), default));
        Assert.Equal(("staff.add", "role=supervisor"), (audit.Action, audit.Detail));
        Assert.StartsWith("cli:", audit.Actor);
    }

    [Theory]
    [InlineData("password1", "密码过于常见")]
    [InlineData("short1", "密码至少8位")]
    [InlineData("onlyletters", "密码须同时包含字母和数字")]
    public async Task StaffAddRefusesAPasswordAgainstThePolicy(string password, string reason)
    {
        var name = NewName();
        var result = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), password, "staff", "add", name, "--role", "clerk");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.Null(await factory.Services.GetRequiredService<CounterStaffStore>().FindAsync(name, default));
    }

    [Fact]
    public async Task AStaffPasswordMayNotContainTheUsername()
    {
        var name = NewName();
        var result = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), "Ab9-" + name, "staff", "add", name, "--role", "clerk");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("不能包含用户名", result.Error);
    }

    [Fact]
    public async Task APasswordIsNeverTakenFromTheCommandLine()
    {
        var result = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), "", "staff", "add", NewName(), "--role", "clerk", "--password", "Quiet-River-2031");

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task ResetPasswordAndDisableChangeTheRowAndAreAudited()
    {
        var name = await StaffAccounts.AddAsync(factory.Services);
        var store = factory.Services.GetRequiredService<CounterStaffStore>();
        var before = await store.FindAsync(name, default);

        var reset = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), "Lantern-Harbour-77", "staff", "reset-password", name);
        Assert.True(reset.ExitCode == 0, reset.Error);
        var afterReset = await store.FindAsync(name, default);
        Assert.NotEqual(before!.PasswordHash, afterReset!.PasswordHash);
        Assert.NotEqual(before.SecurityStamp, afterReset.SecurityStamp);

        var disable = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), null, "staff", "disable", name);
        Assert.True(disable.ExitCode == 0, disable.Error);
        Assert.False((await store.FindAsync(name, default))!.Enabled);

        var actions = (await factory.Services.GetRequiredService<AuditTrail>().ForTargetAsync(CounterStaffStore.Target(name), default)).Select(e => e.Action);
        Assert.Equal(["staff.add", "staff.reset-password", "staff.disable"], actions);
    }

    [Fact]
    public async Task AnUnknownMemberIsReportedNotCreated()
    {
        var result = await HostCommand.RunAsync("Development", HostCommand.TestDatabase(), null, "staff", "disable", NewName());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no member", result.Error);
    }
}
