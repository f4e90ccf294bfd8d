using System.Data;
using System.Diagnostics;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Data.Security;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Fund.Data.Seed;

/// <summary>
/// Loads many synthetic accounts with ten years of monthly entries, for benchmarks. Accounts are numbered
/// 49xxxxxxxxxx so they never meet the demo set; a second run only adds what is missing.
/// </summary>
public sealed class BulkSeeder(FundDatabase db, SensitiveData sensitive, ILogger<BulkSeeder> logger)
{
    public const string Prefix = "49";
    private const int EmployerCount = 100;
    private const int Chunk = 2000;
    private static readonly DateOnly From = new(2016, 11, 1);
    private static readonly DateOnly PaidUpTo = new(2026, 10, 1);

    public sealed record Result(int Added, int Total, long LedgerRows, TimeSpan Elapsed);

    public static string Grzh(int i) => Prefix + i.ToString("0000000000");

    public async Task<Result> SeedAsync(int accounts, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using (var conn = await db.OpenAsync(ct))
        {
            for (var e = 0; e < EmployerCount; e++)
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT IGNORE INTO employer (dwzh, name, credit_code, status, employer_rate, personal_rate)
                    VALUES (@dwzh, @name, '91411500MA4BULK000', '01', 0.1200, 0.1200)
                    """, new { dwzh = "4901" + e.ToString("00000000"), name = $"信阳市批量测试单位{e + 1:000}" }, cancellationToken: ct));
        }
        var existing = await CountAsync(ct);
        long ledgerRows = 0;
        var builder = new MySqlConnectionStringBuilder(db.DataSource.ConnectionString) { AllowLoadLocalInfile = true };
        for (var start = existing; start < accounts; start += Chunk)
        {
            var end = Math.Min(accounts, start + Chunk);
            var (accountTable, ledgerTable) = Build(start, end);
            await using var conn = new MySqlConnection(builder.ConnectionString);
            await conn.OpenAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            // By name: the table has columns the seed leaves to their defaults (data_version, set by its trigger).
            var accountCopy = new MySqlBulkCopy(conn, tx) { DestinationTableName = "personal_account" };
            foreach (DataColumn column in accountTable.Columns)
                accountCopy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(column.Ordinal, column.ColumnName));
            await accountCopy.WriteToServerAsync(accountTable, ct);
            await new MySqlBulkCopy(conn, tx) { DestinationTableName = "ledger_entry" }.WriteToServerAsync(ledgerTable, ct);
            await tx.CommitAsync(ct);
            ledgerRows += ledgerTable.Rows.Count;
            logger.LogInformation("Bulk seed: {Done}/{Total} accounts", end, accounts);
        }
        return new Result(Math.Max(0, accounts - existing), Math.Max(accounts, existing), ledgerRows, clock.Elapsed);
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM personal_account WHERE grzh LIKE '49%'", cancellationToken: ct));
    }

    private (DataTable Accounts, DataTable Ledger) Build(int start, int end)
    {
        var accounts = new DataTable();
        foreach (var (name, type) in new (string, Type)[]
        {
            ("grzh", typeof(string)), ("name", typeof(string)), ("id_number_enc", typeof(byte[])), ("id_number_idx", typeof(byte[])),
            ("phone_enc", typeof(byte[])), ("phone_idx", typeof(byte[])), ("dwzh", typeof(string)), ("status", typeof(string)),
            ("contribution_base", typeof(decimal)), ("personal_rate", typeof(decimal)), ("employer_rate", typeof(decimal)),
            ("personal_monthly", typeof(decimal)), ("employer_monthly", typeof(decimal)), ("balance", typeof(decimal)),
            ("paid_up_to", typeof(DateTime)), ("opened_on", typeof(DateTime)), ("sealed_on", typeof(DateTime)),
        })
            accounts.Columns.Add(name, type);
        var ledger = new DataTable();
        foreach (var (name, type) in new (string, Type)[]
        {
            ("grzh", typeof(string)), ("entry_date", typeof(DateTime)), ("seq", typeof(int)), ("business_type", typeof(string)),
            ("amount", typeof(decimal)), ("balance_after", typeof(decimal)), ("memo", typeof(string)),
        })
            ledger.Columns.Add(name, type);

        for (var i = start; i < end; i++)
        {
            var grzh = Grzh(i);
            var idNumber = SyntheticIdNumber(i);
            var phone = "199" + i.ToString("00000000");
            var contributionBase = 3000m + (i % 50) * 200m;
            var monthly = ContributionRule.MonthlyAmount(contributionBase, 0.12m);
            var balance = 0m;
            var seq = 0;
            foreach (var (date, type, amount, memo) in ContributionHistory.Monthly(From, PaidUpTo, monthly * 2))
            {
                balance += amount;
                ledger.Rows.Add(grzh, date.ToDateTime(TimeOnly.MinValue), ++seq, type.Code(), amount, balance, memo);
            }
            accounts.Rows.Add(grzh, $"测试{i}", sensitive.Encrypt(idNumber), sensitive.BlindIndex(SensitiveField.IdNumber, idNumber),
                sensitive.Encrypt(phone), sensitive.BlindIndex(SensitiveField.Phone, phone), "4901" + (i % EmployerCount).ToString("00000000"),
                "01", contributionBase, 0.12m, 0.12m, monthly, monthly, balance,
                PaidUpTo.ToDateTime(TimeOnly.MinValue), From.ToDateTime(TimeOnly.MinValue), DBNull.Value);
        }
        return (accounts, ledger);
    }

    /// <summary>Unique for the first 14.6 million accounts: a distinct birth date and sequence for each.</summary>
    internal static string SyntheticIdNumber(int i)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(i % 14600);
        var first17 = $"411599{birth:yyyyMMdd}{i / 14600 % 1000:000}";
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
