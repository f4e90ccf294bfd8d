using Fund.Data.Migrations;
using Fund.Data.Seed;
using Wechat.Handlers.Menu;

namespace Wechat.Host;

/// <summary>
/// Command-line verbs that share the host's configuration and services:
/// `migrate`, `seed [--accounts N]` (Development only), `menu validate`, `menu publish`, `staff …` (see <see cref="StaffVerbs"/>),
/// `ca …` (the employer hall's CA: see CaVerb),
/// `documents rekey`, `interest year-end`, `keys status`, `keys rotate` (see <see cref="KeysVerb"/>).
/// </summary>
internal sealed class CliVerbs
{
    private readonly string _name;
    private CliVerbs(string name) => _name = name;

    private static readonly string[] Names = ["migrate", "seed", "menu", "staff", "ca", "documents", "interest", "keys"];

    public static CliVerbs? Find(string[] args) =>
        args.Length > 0 && Names.Contains(args[0], StringComparer.Ordinal) ? new CliVerbs(args[0]) : null;

    public async Task<int> RunAsync(WebApplication app, string[] rest)
    {
        var ct = app.Lifetime.ApplicationStopping;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("cli");
        switch (_name)
        {
            case "migrate":
                var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
                Console.WriteLine($"migrate: {applied} script(s) applied");
                return 0;
            case "seed":
                // The demo set's passwords are published in the README: planted in Production they are open doors.
                if (!app.Environment.IsDevelopment())
                {
                    Console.Error.WriteLine($"seed: refused in {app.Environment.EnvironmentName}. It lays down demo staff and citizens with " +
                                            "the passwords published in the README and runs only with ASPNETCORE_ENVIRONMENT=Development. " +
                                            "Create staff with `staff add NAME --role clerk|supervisor`.");
                    return 1;
                }
                await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
                var accounts = Option(rest, "--accounts");
                if (accounts is null)
                {
                    await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(ct);
                    Console.WriteLine($"seed: {DemoCitizens.All.Count} demo citizens laid down");
                    return 0;
                }
                var r = await app.Services.GetRequiredService<BulkSeeder>().SeedAsync(accounts.Value, ct);
                var rate = r.Added / Math.Max(r.Elapsed.TotalSeconds, 0.001);
                Console.WriteLine($"seed: {r.Added} accounts added ({r.Total} bulk accounts in all), {r.LedgerRows} ledger rows, " +
                                  $"{r.Elapsed.TotalSeconds:0.0} s, {rate:0} accounts/s");
                return 0;
            case "menu":
                return await MenuAsync(app, rest, ct);
            case "ca":
                return await Unit.CaVerb.RunAsync(app, rest, ct);
            case "staff":
                return await StaffVerbs.RunAsync(app.Services, rest, ct);
            case "documents":
                return await Withdrawals.WithdrawalVerbs.DocumentsAsync(app, rest, ct);
            case "interest":
                return await Withdrawals.WithdrawalVerbs.InterestAsync(app, rest, ct);
            case "keys":
                return await KeysVerb.RunAsync(app, rest, ct);
            default:
                log.LogError("Unknown verb {Verb}", _name);
                return 2;
        }
    }

    private static async Task<int> MenuAsync(WebApplication app, string[] rest, CancellationToken ct)
    {
        var file = app.Services.GetRequiredService<MenuFile>();
        var problems = await file.ProblemsAsync(ct);
        foreach (var p in problems) Console.Error.WriteLine($"menu: {p}");
        if (problems.Count > 0) return 1;
        switch (rest.FirstOrDefault())
        {
            case "validate":
                Console.WriteLine($"menu: {file.Path} is valid; click keys handled: {string.Join(", ", file.HandledKeys.Order(StringComparer.Ordinal))}");
                return 0;
            case "publish":
                await app.Services.GetRequiredService<MenuPublisher>().PublishAsync(await file.LoadAsync(ct), file.HandledKeys, ct);
                Console.WriteLine("menu: published");
                return 0;
            default:
                Console.Error.WriteLine("usage: menu validate | menu publish");
                return 2;
        }
    }

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0 ? n : null;
    }
}
