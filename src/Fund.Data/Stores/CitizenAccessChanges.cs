using System.Data;
using Dapper;
using Fund.Core.Validation;
using Fund.Data.Security;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// Who asked for a citizen's access change: the WeChat user (OpenID, audited only as its keyed hash) — or, in the
/// personal web hall, the browser's client key <c>hall:…</c>, which no WeChat user has — and the client address
/// (<c>wechat</c> for chat, which reaches us through WeChat's servers).
/// </summary>
public sealed record AccessOrigin(string OpenId, string ClientAddress)
{
    public const string WechatChat = "wechat";

    /// <summary>How a hall browser's client key starts; an OpenID never holds a colon.</summary>
    public const string HallClientPrefix = "hall:";

    /// <summary>A WeChat user asked, so the account may be bound to <see cref="OpenId"/>; false in the hall.</summary>
    public bool IsWechatUser => !OpenId.StartsWith(HallClientPrefix, StringComparison.Ordinal);
}

/// <summary>
/// The citizens' sign-in, binding and credential changes, each in one transaction with its audit line (actor
/// <c>openid:{hash}</c>, target <c>citizen:{grzh}</c>, never an OpenID, phone or ID number in clear) and, where a
/// WeChat user loses the account, the security notice queued for that OpenID in the outbox.
/// </summary>
public sealed class CitizenAccessChanges(FundDatabase db, SensitiveData sensitive, SignInRefusals refusals, AccountVersions versions)
{
    /// <summary>The outbox data of the notice sent to a WeChat user who lost an account's binding.</summary>
    public static Dictionary<string, string> UnboundNotice(string grzh, string reason) => new()
    {
        ["keyword1"] = "个人账号 " + Mask.AccountNumber(grzh),
        ["keyword2"] = reason,
        ["keyword3"] = $"如非本人操作，请立即修改密码或拨打{Fund.Core.CentreContact.Hotline}",
    };

    /// <summary>
    /// An OpenID (or a hall browser's key) in the audit log: stable, so one user's lines can be followed, but keyed so
    /// it names nobody.
    /// </summary>
    public string AuditId(string openId) =>
        (openId.StartsWith(AccessOrigin.HallClientPrefix, StringComparison.Ordinal) ? "hall:" : "openid:")
        + Convert.ToHexStringLower(sensitive.BlindIndex(SensitiveField.OpenId, openId))[..16];

    /// <summary>
    /// A sign-in to the personal web hall: its audit line and, from a browser not seen before, the security notice to
    /// the WeChat user the account is bound to, if any (built by <see cref="Fund.Core.Notifications.TemplateMessages"/>).
    /// Returns whether a notice was queued.
    /// </summary>
    public Task<bool> HallSignedInAsync(string grzh, bool newBrowser, DateTimeOffset at, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            await AuditAsync(conn, tx, origin, "citizen.hall.signin", grzh, newBrowser ? "new browser" : "remembered browser", ct);
            if (!newBrowser) return false;
            var holder = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT openid FROM wechat_binding WHERE grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
            if (holder is null) return false;
            await NotificationOutbox.EnqueueAsync(conn, tx, holder, TemplateKeys.AccountSecurity, "/h5/account",
                Fund.Core.Notifications.TemplateMessages.NewBrowserSignIn(Mask.AccountNumber(grzh), at), ct);
            return true;
        }, ct);

    /// <summary>
    /// Binds after a proven sign-in; any other OpenID holding the account loses it and is told. Returns that other
    /// OpenID (null when the account was free or already this user's).
    /// </summary>
    public Task<string?> BindAsync(string grzh, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync((conn, tx, touched) => BindInAsync(conn, tx, touched, grzh, origin, ct), ct);

    /// <summary>解除绑定 by the WeChat user itself; true when a binding was removed.</summary>
    public Task<bool> UnbindAsync(AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            var grzh = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT grzh FROM wechat_binding WHERE openid = @openId FOR UPDATE", new { openId = origin.OpenId }, tx, cancellationToken: ct));
            if (grzh is null) return false;
            touched.Add(grzh);
            await conn.ExecuteAsync(new CommandDefinition(
                "DELETE FROM wechat_binding WHERE openid = @openId", new { openId = origin.OpenId }, tx, cancellationToken: ct));
            await AuditAsync(conn, tx, origin, "citizen.unbind", grzh, origin.ClientAddress == AccessOrigin.WechatChat ? "chat" : "h5", ct);
            return true;
        }, ct);

    /// <summary>
    /// Registration: the credentials and, from WeChat, the binding together (see <see cref="BindAsync"/>). False when
    /// the account registered meanwhile.
    /// </summary>
    public Task<bool> RegisterAsync(MySqlCitizenLoginStore.CitizenLogin login, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            var inserted = await conn.ExecuteAsync(new CommandDefinition("""
                INSERT IGNORE INTO citizen_login (grzh, password_hash, security_question, security_answer_hash, registered_at)
                VALUES (@Grzh, @PasswordHash, @SecurityQuestion, @SecurityAnswerHash, UTC_TIMESTAMP())
                """, login, tx, cancellationToken: ct)) == 1;
            if (!inserted) return false;
            await AuditAsync(conn, tx, origin, "citizen.register", login.Grzh, origin.IsWechatUser ? "" : "hall", ct);
            // Registered in WeChat: bound to that WeChat user. Registered in the hall: nothing to bind.
            if (origin.IsWechatUser) await BindInAsync(conn, tx, touched, login.Grzh, origin, ct);
            return true;
        }, ct);

    /// <summary>修改密码 by the bound citizen.</summary>
    public Task ChangePasswordAsync(string grzh, string passwordHash, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            await SetPasswordAsync(conn, tx, grzh, passwordHash, ct);
            await AuditAsync(conn, tx, origin, "citizen.password.change", grzh, "", ct);
            return true;
        }, ct);

    /// <summary>
    /// 忘记密码, proven by SMS and security answer: the new password, and whichever WeChat user held the account loses
    /// it (told, unless it is the one resetting). Returns that OpenID, if any.
    /// </summary>
    public Task<string?> ResetPasswordAsync(string grzh, string passwordHash, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            await SetPasswordAsync(conn, tx, grzh, passwordHash, ct);
            var holder = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT openid FROM wechat_binding WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
            var told = holder is not null && holder != origin.OpenId ? holder : null;
            await ReleaseAccountAsync(conn, tx, touched, grzh, told, "该账户的网上服务密码已重置，本微信已解除绑定", origin, ct);
            await AuditAsync(conn, tx, origin, "citizen.password.reset", grzh, holder is null ? "" : "unbound " + AuditId(holder), ct);
            return told;
        }, ct);

    /// <summary>手机变更: the new number in ciphertext and index; the audit shows both masked.</summary>
    public Task ChangePhoneAsync(string grzh, string oldPhone, string newPhone, AccessOrigin origin, CancellationToken ct) =>
        InTransactionAsync(async (conn, tx, touched) =>
        {
            touched.Add(grzh);
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE personal_account SET phone_enc = @phoneEnc, phone_idx = @phoneIdx WHERE grzh = @grzh",
                new { grzh, phoneEnc = sensitive.Encrypt(newPhone), phoneIdx = sensitive.BlindIndex(SensitiveField.Phone, newPhone) },
                tx, cancellationToken: ct));
            await AuditAsync(conn, tx, origin, "citizen.phone.change", grzh, $"{Mask.Phone(oldPhone)} -> {Mask.Phone(newPhone)}", ct);
            return true;
        }, ct);

    /// <summary>A failed or refused sign-in: the account when the identifier named one, else <c>citizen:unknown</c>.</summary>
    /// <summary>A refused sign-in: counted per window, account, OpenID and address (<see cref="SignInRefusals"/>), not a row per try.</summary>
    public Task SignInFailedAsync(string? grzh, string why, AccessOrigin origin, CancellationToken ct) =>
        refusals.RecordAsync("citizen.signin.fail", grzh is null ? "citizen:unknown" : AuditTrail.Citizen(grzh), AuditId(origin.OpenId),
            origin.ClientAddress, why, ct);

    private async Task<string?> BindInAsync(MySqlConnection conn, MySqlTransaction tx, List<string> touched, string grzh, AccessOrigin origin,
        CancellationToken ct)
    {
        var previous = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT openid FROM wechat_binding WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        var moved = previous is not null && previous != origin.OpenId ? previous : null;
        await ReleaseAccountAsync(conn, tx, touched, grzh, moved, "该账户已在另一微信上登录并绑定，本微信已解除绑定", origin, ct);
        // The account this WeChat user held before, if another: its copies must go too.
        var held = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT grzh FROM wechat_binding WHERE openid = @openId FOR UPDATE", new { openId = origin.OpenId }, tx, cancellationToken: ct));
        if (held is not null) touched.Add(held);
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wechat_binding WHERE openid = @openId", new { openId = origin.OpenId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO wechat_binding (openid, grzh, bound_at) VALUES (@openId, @grzh, UTC_TIMESTAMP())",
            new { openId = origin.OpenId, grzh }, tx, cancellationToken: ct));
        await AuditAsync(conn, tx, origin, "citizen.bind", grzh, moved is null ? "" : "moved from " + AuditId(moved), ct);
        return moved;
    }

    private async Task ReleaseAccountAsync(MySqlConnection conn, MySqlTransaction tx, List<string> touched, string grzh, string? tell,
        string reason, AccessOrigin origin, CancellationToken ct)
    {
        touched.Add(grzh);
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wechat_binding WHERE grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
        if (tell is null) return;
        await NotificationOutbox.EnqueueAsync(conn, tx, tell, TemplateKeys.AccountSecurity, "/h5/login", UnboundNotice(grzh, reason), ct);
    }

    private static Task SetPasswordAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, string passwordHash, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE citizen_login SET password_hash = @passwordHash WHERE grzh = @grzh", new { grzh, passwordHash }, tx, cancellationToken: ct));

    private Task AuditAsync(MySqlConnection conn, MySqlTransaction? tx, AccessOrigin origin, string action, string? grzh, string detail, CancellationToken ct) =>
        AuditTrail.WriteAsync(conn, tx, AuditId(origin.OpenId), action, grzh is null ? "citizen:unknown" : AuditTrail.Citizen(grzh), detail,
            origin.ClientAddress, ct);

    /// <summary>
    /// One transaction; the accounts whose binding or row the work changed (it adds them to the list it is given) have
    /// their data versions published right after commit, so cached account copies on every instance see the change.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<MySqlConnection, MySqlTransaction, List<string>, Task<T>> work, CancellationToken ct)
    {
        // Read committed takes no gap locks; a deadlock that remains (two sign-ins moving the same binding) is run again.
        var touched = new List<string>();
        var result = await db.WriteAsync((conn, tx) =>
        {
            touched.Clear();
            return work(conn, tx, touched);
        }, ct, IsolationLevel.ReadCommitted);
        await versions.PublishAsync(touched, ct);
        return result;
    }
}
