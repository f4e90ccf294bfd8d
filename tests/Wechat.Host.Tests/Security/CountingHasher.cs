using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Security;

/// <summary>Identity's hasher, counting its verifications: the work that makes a sign-in's answer time.</summary>
internal sealed class CountingHasher : IPasswordHasher<string>
{
    private readonly PasswordHasher<string> inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(string user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>A host whose staff and employer-operator passwords are checked by <paramref name="hasher"/>.</summary>
internal sealed class CountingHasherHost(CountingHasher hasher) : FundHostFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IPasswordHasher<string>>(hasher));
    }
}
