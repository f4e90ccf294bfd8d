using System.Text;
using System.Text.RegularExpressions;
using Fund.Core.Security;
using Fund.Data.Stores;
using Wechat.Host.Counter;
using Wechat.Host.H5;

namespace Wechat.Host;

/// <summary>
/// <c>staff add NAME --role clerk|supervisor [--display-name 名字]</c>, <c>staff reset-password NAME</c>,
/// <c>staff disable NAME</c>, <c>staff enable NAME</c>: the only way to create counter staff outside Development.
/// The password is read from standard input (first line) when it is redirected, else prompted for twice without echo;
/// never from the command line, where it would sit in the shell history and the process list.
/// Every change is audited as <c>cli:{OS user}</c>.
/// </summary>
internal static partial class StaffVerbs
{
    [GeneratedRegex("^[a-z][a-z0-9._-]{2,31}$")]
    private static partial Regex UsernamePattern();

    private const string Usage = """
        usage: staff add NAME --role clerk|supervisor [--display-name 名字]   (password from stdin or a prompt)
               staff reset-password NAME                                     (password from stdin or a prompt)
               staff disable NAME | staff enable NAME
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] rest, CancellationToken ct)
    {
        if (rest.Length < 2) { Console.Error.WriteLine(Usage); return 2; }
        var (action, username) = (rest[0], rest[1].Trim().ToLowerInvariant());
        if (!UsernamePattern().IsMatch(username))
        {
            Console.Error.WriteLine("staff: NAME must be 3–32 characters: a lower-case letter, then letters, digits, '.', '_' or '-'.");
            return 2;
        }
        var store = services.GetRequiredService<CounterStaffStore>();
        var passwords = services.GetRequiredService<StaffPasswords>();
        var actor = "cli:" + Environment.UserName;
        switch (action)
        {
            case "add":
                var role = Option(rest, "--role") switch
                {
                    "clerk" => CounterRole.Clerk,
                    "supervisor" => CounterRole.Supervisor,
                    _ => (CounterRole?)null,
                };
                if (role is null) { Console.Error.WriteLine("staff add: --role clerk|supervisor is required."); return 2; }
                var displayName = Option(rest, "--display-name") ?? username;
                if (displayName.Length > 50) { Console.Error.WriteLine("staff add: --display-name is at most 50 characters."); return 2; }
                if (await store.FindAsync(username, ct) is not null) { Console.Error.WriteLine($"staff add: {username} exists."); return 1; }
                var password = ReadNewPassword(username);
                if (password is null) return 1;
                if (!await store.AddAsync(new CounterStaff(username, displayName, passwords.Hash(username, password), role.Value), actor, ct))
                {
                    Console.Error.WriteLine($"staff add: {username} exists.");
                    return 1;
                }
                Console.WriteLine($"staff: {username} added as {CounterStaffStore.RoleCode(role.Value)}");
                return 0;
            case "reset-password":
                if (await store.FindAsync(username, ct) is null) { Console.Error.WriteLine($"staff: no member {username}."); return 1; }
                var newPassword = ReadNewPassword(username);
                if (newPassword is null) return 1;
                await store.ResetPasswordAsync(username, passwords.Hash(username, newPassword), actor, ct);
                // A member locked out by wrong guesses gets in with the new password at once.
                await services.GetRequiredService<SignInGuard>().ReleaseAsync(SignInStep.Staff, username.ToLowerInvariant());
                Console.WriteLine($"staff: {username}'s password replaced; every session of {username} is signed out");
                return 0;
            case "disable" or "enable":
                if (!await store.SetEnabledAsync(username, action == "enable", actor, ct))
                {
                    Console.Error.WriteLine($"staff: no member {username}.");
                    return 1;
                }
                Console.WriteLine($"staff: {username} {action}d" + (action == "disable" ? "; every session is signed out" : ""));
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>The new password, checked against the policy; null (with the reason printed) when refused.</summary>
    private static string? ReadNewPassword(string username)
    {
        string? password;
        if (Console.IsInputRedirected)
        {
            password = Console.In.ReadLine();
        }
        else
        {
            password = Prompt("New password: ");
            if (password != Prompt("Repeat it: ")) { Console.Error.WriteLine("staff: the two passwords differ."); return null; }
        }
        var problem = PasswordPolicy.Problem(password, username);
        if (problem is null) return password;
        Console.Error.WriteLine($"staff: password refused: {problem}");
        return null;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
