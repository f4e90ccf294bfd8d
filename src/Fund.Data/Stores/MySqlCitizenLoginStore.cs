using Dapper;

namespace Fund.Data.Stores;

/// <summary>Online-hall credentials: hashes only, made by the caller with ASP.NET Core Identity's PasswordHasher.</summary>
public sealed class MySqlCitizenLoginStore(FundDatabase db)
{
    public sealed record CitizenLogin(string Grzh, string PasswordHash, string SecurityQuestion, string SecurityAnswerHash);

    public async Task<CitizenLogin?> GetAsync(string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CitizenLogin>(new CommandDefinition("""
            SELECT grzh, password_hash AS PasswordHash, security_question AS SecurityQuestion, security_answer_hash AS SecurityAnswerHash
              FROM citizen_login
             WHERE grzh = @grzh
            """, new { grzh }, cancellationToken: ct));
    }

    /// <summary>False when the account has registered already.</summary>
    public async Task<bool> TryRegisterAsync(CitizenLogin login, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            INSERT IGNORE INTO citizen_login (grzh, password_hash, security_question, security_answer_hash, registered_at)
            VALUES (@Grzh, @PasswordHash, @SecurityQuestion, @SecurityAnswerHash, UTC_TIMESTAMP())
            """, login, cancellationToken: ct)) == 1;
    }
}
