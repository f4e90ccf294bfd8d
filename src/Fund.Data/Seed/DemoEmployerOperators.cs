using Dapper;
using Fund.Data.Employers;
using Microsoft.AspNetCore.Identity;

namespace Fund.Data.Seed;

/// <summary>
/// One 专管员 per demo employer (README lists them), and each employer's 缴至年月 set to its employees' (2026-10), with
/// the hall's businesses of earlier demo runs cleared so the next month can be remitted again.
/// </summary>
public sealed class DemoEmployerOperators(FundDatabase db, EmployerOperatorStore operators)
{
    public const string Password = "Unit@2026";
    public static readonly DateOnly PaidUpTo = new(2026, 10, 1);

    public sealed record Member(string Dwzh, string Name, string IdFirst17)
    {
        public string IdNumber => IdFirst17 + Core.Validation.IdNumber.CheckCharacter(IdFirst17);
    }

    public static readonly IReadOnlyList<Member> All =
    [
        new("411501000001", "周敏", "41150219850601202"),
        new("411501000002", "吴刚", "41150219800312301"),
        new("411501000003", "郑丽", "41150219870923402"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var dwzhs = All.Select(m => m.Dwzh).ToArray();
        await using (var conn = await db.OpenAsync(ct))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (var sql in new[]
            {
                "DELETE FROM remittance WHERE dwzh IN @dwzhs",
                "DELETE r FROM employer_business_row r JOIN employer_business b ON b.id = r.business_id WHERE b.dwzh IN @dwzhs",
                "DELETE FROM employer_business WHERE dwzh IN @dwzhs",
                "UPDATE employer SET paid_up_to = @paidUpTo, base_adjusted_year = NULL WHERE dwzh IN @dwzhs",
            })
                await conn.ExecuteAsync(new CommandDefinition(sql, new { dwzhs, paidUpTo = PaidUpTo.ToDateTime(TimeOnly.MinValue) }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        var hasher = new PasswordHasher<string>();
        foreach (var m in All)
            await operators.UpsertAsync(m.Dwzh, m.Name, m.IdNumber, hasher.HashPassword(m.Dwzh, Password), "seed", ct);
    }
}
