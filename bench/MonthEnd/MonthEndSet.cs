using System.Data;
using System.Diagnostics;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Validation;
using Fund.Data;
using Fund.Data.Security;
using MySqlConnector;

namespace MonthEnd;

/// <summary>
/// The month-end set of one run: <see cref="Employers"/> employers of <see cref="PerEmployer"/> employees each, every
/// account bound to an OpenID, all paid up to last month so this month is due. Bulk loaded (MySqlBulkCopy, no ledger
/// history: a remittance posts after an account's last line, and a new account has none). Each run takes a fresh run
/// number, so its employers, accounts and OpenIDs are its own and a month already remitted never gets in the way:
/// 个人账号 48{run}{8 digits}, 单位账号 47{run}{8 digits}, OpenIDs me{run}-{7 digits}.
/// </summary>
public sealed class MonthEndSet(FundDatabase db, SensitiveData sensitive, int employers, int perEmployer)
{
    public int Employers { get; } = employers;
    public int PerEmployer { get; } = perEmployer;
    public int Run { get; private set; }
    public long[] Operators { get; private set; } = [];

    public string Dwzh(int e) => $"47{Run:00}{e:00000000}";
    public string Grzh(int i) => $"48{Run:00}{i:00000000}";
    public string OpenId(int i) => $"me{Run:00}-{i:0000000}";
    public string GrzhPrefix => $"48{Run:00}";
    public string OpenIdPrefix => $"me{Run:00}-";
    public static int IndexOf(string openId) => int.Parse(openId.AsSpan(5));

    public async Task<TimeSpan> LoadAsync(DateOnly paidUpTo, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using (var conn = await db.OpenAsync(ct))
        {
            var last = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MAX(SUBSTRING(dwzh, 3, 2)) FROM employer WHERE dwzh LIKE '47%' AND LENGTH(dwzh) = 12", cancellationToken: ct));
            Run = last is null ? 1 : int.Parse(last) + 1;
            if (Run > 99) throw new InvalidOperationException("99 month-end runs in this database: drop wechatfund_bench's 47/48 rows");
        }
        var builder = new MySqlConnectionStringBuilder(db.DataSource.ConnectionString) { AllowLoadLocalInfile = true };
        var paid = paidUpTo.ToDateTime(TimeOnly.MinValue);

        var employerTable = Table(("dwzh", typeof(string)), ("name", typeof(string)), ("credit_code", typeof(string)), ("status", typeof(string)),
            ("employer_rate", typeof(decimal)), ("personal_rate", typeof(decimal)), ("paid_up_to", typeof(DateTime)));
        for (var e = 0; e < Employers; e++)
            employerTable.Rows.Add(Dwzh(e), $"月末汇缴测试单位{Run:00}-{e + 1:0000}", "91411500MA4MONTH01", "01", 0.12m, 0.12m, paid);
        // One 专管员 per employer: the hall's operator who confirms the remittance (the audit row names them).
        var operatorTable = Table(("dwzh", typeof(string)), ("name", typeof(string)), ("id_number_enc", typeof(byte[])), ("id_number_idx", typeof(byte[])),
            ("password_hash", typeof(string)), ("active", typeof(bool)), ("security_stamp", typeof(string)), ("created_at", typeof(DateTime)));
        for (var e = 0; e < Employers; e++)
        {
            var first17 = $"4118{Run:00}{new DateOnly(1970, 1, 1).AddDays(e):yyyyMMdd}001";
            var idNumber = first17 + IdNumber.CheckCharacter(first17);
            operatorTable.Rows.Add(Dwzh(e), "月末专管员", sensitive.Encrypt(idNumber), sensitive.BlindIndex(SensitiveField.IdNumber, idNumber),
                "x", true, Guid.NewGuid().ToString("N"), DateTime.UtcNow);
        }
        await BulkAsync(builder, ct, ("employer", employerTable), ("employer_operator", operatorTable));
        await using (var conn = await db.OpenAsync(ct))
        {
            var ids = (await conn.QueryAsync<(string Dwzh, long Id)>(new CommandDefinition(
                "SELECT dwzh, id FROM employer_operator WHERE dwzh LIKE @p", new { p = $"47{Run:00}%" }, cancellationToken: ct))).ToDictionary(r => r.Dwzh, r => r.Id);
            Operators = Enumerable.Range(0, Employers).Select(e => ids[Dwzh(e)]).ToArray();
        }

        var total = Employers * PerEmployer;
        const int chunk = 10_000;
        // Two loaders side by side: one encrypts while the other's rows travel.
        await Parallel.ForEachAsync(Enumerable.Range(0, (total + chunk - 1) / chunk), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (c, token) =>
            {
                var accounts = Table(("grzh", typeof(string)), ("name", typeof(string)), ("id_number_enc", typeof(byte[])), ("id_number_idx", typeof(byte[])),
                    ("phone_enc", typeof(byte[])), ("phone_idx", typeof(byte[])), ("dwzh", typeof(string)), ("status", typeof(string)),
                    ("contribution_base", typeof(decimal)), ("personal_rate", typeof(decimal)), ("employer_rate", typeof(decimal)),
                    ("personal_monthly", typeof(decimal)), ("employer_monthly", typeof(decimal)), ("balance", typeof(decimal)),
                    ("paid_up_to", typeof(DateTime)), ("opened_on", typeof(DateTime)));
                var bindings = Table(("openid", typeof(string)), ("grzh", typeof(string)), ("bound_at", typeof(DateTime)));
                var now = DateTime.UtcNow;
                for (var i = c * chunk; i < Math.Min(total, (c + 1) * chunk); i++)
                {
                    var idNumber = IdNumberFor(i);
                    var phone = $"198{Run:00}{i:000000}";
                    var contributionBase = 3000m + i % 50 * 200m;
                    var monthly = ContributionRule.MonthlyAmount(contributionBase, 0.12m);
                    accounts.Rows.Add(Grzh(i), $"月末{i}", sensitive.Encrypt(idNumber), sensitive.BlindIndex(SensitiveField.IdNumber, idNumber),
                        sensitive.Encrypt(phone), sensitive.BlindIndex(SensitiveField.Phone, phone), Dwzh(i / PerEmployer), "01",
                        contributionBase, 0.12m, 0.12m, monthly, monthly, 0m, paid, paid);
                    bindings.Rows.Add(OpenId(i), Grzh(i), now);
                }
                await BulkAsync(builder, token, ("personal_account", accounts), ("wechat_binding", bindings));
            });
        return clock.Elapsed;
    }

    /// <summary>Unique across runs: area 4117, the run in the sequence digits.</summary>
    private string IdNumberFor(int i)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(i % 14_600);
        var first17 = $"4117{Run:00}{birth:yyyyMMdd}{i / 14_600:000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    private static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable();
        foreach (var (name, type) in columns) table.Columns.Add(name, type);
        return table;
    }

    private static async Task BulkAsync(MySqlConnectionStringBuilder builder, CancellationToken ct, params (string Table, DataTable Rows)[] loads)
    {
        await using var conn = new MySqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (table, rows) in loads)
        {
            // By name: the tables have more columns (defaults) than the set fills, in another order.
            var copy = new MySqlBulkCopy(conn, tx) { DestinationTableName = table, BulkCopyTimeout = 600 };
            for (var i = 0; i < rows.Columns.Count; i++) copy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, rows.Columns[i].ColumnName));
            await copy.WriteToServerAsync(rows, ct);
        }
        await tx.CommitAsync(ct);
    }
}
