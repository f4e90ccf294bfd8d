using Fund.Core.OperatorCertificates;
using Fund.Core.Security;
using System.Security.Cryptography;
using Fund.Core.Validation;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Wechat.Host.Unit;

/// <summary>
/// The employer hall's certificate authority and operators from the command line:
/// <code>
/// ca init                                                   create the centre's CA and the hall's server certificate
/// ca operator --dwzh D --name N --id-number I               create (or reset) an operator; prints a new password once
/// ca issue --dwzh D --id-number I [--out file.p12]          issue a client certificate (PKCS#12, one-time password printed)
/// ca revoke SERIAL                                          revoke at once
/// ca export-root [--out ca.crt]                             the root certificate, for browsers and nginx to trust
/// </code>
/// </summary>
internal static class CaVerb
{
    private const string Actor = "cli";

    public static async Task<int> RunAsync(WebApplication app, string[] rest, CancellationToken ct)
    {
        var services = app.Services;
        var options = services.GetRequiredService<IOptions<UnitHallOptions>>().Value;
        var authority = services.GetRequiredService<CentreAuthority>();
        var operators = services.GetRequiredService<EmployerOperatorStore>();
        switch (rest.FirstOrDefault())
        {
            case "init":
                if (string.IsNullOrEmpty(options.CaPassphrase)) return Fail("UnitHall:CaPassphrase is not configured.");
                Console.WriteLine(await authority.CreateAsync(options.CaPassphrase, options.ServerNameList, Actor, ct)
                    ? $"ca: created the centre's CA and a server certificate for {options.ServerNames}"
                    : "ca: the centre's CA already exists");
                return 0;
            case "operator":
            {
                if (Arg(rest, "--dwzh") is not { Length: 12 } dwzh || Arg(rest, "--name") is not { Length: > 0 } name
                    || Arg(rest, "--id-number") is not { } id || !IdNumber.IsValid(id))
                    return Fail("usage: ca operator --dwzh D --name N --id-number I (a valid ID number)");
                var password = RandomPassword();
                var operatorId = await operators.UpsertAsync(dwzh, name, id, new PasswordHasher<string>().HashPassword(dwzh, password), Actor, ct);
                Console.WriteLine($"ca: operator {operatorId} of {dwzh} ({name}); password (shown once): {password}");
                return 0;
            }
            case "issue":
            {
                if (string.IsNullOrEmpty(options.CaPassphrase)) return Fail("UnitHall:CaPassphrase is not configured.");
                if (Arg(rest, "--dwzh") is not { } dwzh || Arg(rest, "--id-number") is not { } id
                    || await operators.FindAsync(dwzh, id, ct) is not { } op)
                    return Fail("usage: ca issue --dwzh D --id-number I [--out file.p12]  (no such operator)");
                var issued = await authority.IssueAsync(op.Id, options.CaPassphrase, Actor, ct);
                var path = Path.GetFullPath(Arg(rest, "--out") ?? $"operator-{issued.Serial}.p12");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, issued.Pkcs12, ct);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Console.WriteLine($"ca: issued {issued.Serial} to operator {op.Id} ({op.Name}, {op.Dwzh}), valid until {issued.NotAfter:yyyy-MM-dd}");
                Console.WriteLine($"ca: PKCS#12 written to {path}; one-time password: {issued.OneTimePassword}");
                return 0;
            }
            case "revoke":
                if (rest.Length < 2) return Fail("usage: ca revoke SERIAL");
                var revoked = await services.GetRequiredService<CertificateStore>().RevokeAsync(rest[1].ToUpperInvariant(), Actor, ct);
                Console.WriteLine(revoked ? $"ca: revoked {rest[1]}" : $"ca: no unrevoked certificate {rest[1]}");
                return revoked ? 0 : 1;
            case "export-root":
                if (await authority.RootCertificateAsync(ct) is not { } root) return Fail("ca: no CA yet; run `ca init`");
                var rootPath = Path.GetFullPath(Arg(rest, "--out") ?? "ca.crt");
                await File.WriteAllTextAsync(rootPath, root.ExportCertificatePem(), ct);
                Console.WriteLine($"ca: root certificate written to {rootPath}");
                return 0;
            default:
                return Fail("usage: ca init | ca operator … | ca issue … | ca revoke SERIAL | ca export-root [--out file]");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RandomPassword() => RandomPasswords.New(14);
}
