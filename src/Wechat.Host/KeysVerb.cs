using System.Diagnostics;
using Fund.Data.Security;
using Microsoft.Extensions.Options;

namespace Wechat.Host;

/// <summary>
/// <c>keys status</c> and <c>keys rotate [--batch N]</c>: moves the personal data of every table under the current
/// <c>Fund:EncryptionKey</c> / <c>Fund:BlindIndexKey</c> while the service runs (see <see cref="DataKeyRotation"/>).
/// Ctrl-C stops after the batch in hand; running it again continues where it stopped.
/// </summary>
internal static class KeysVerb
{
    private const string Usage = "usage: keys status | keys rotate [--batch N]   (N rows per transaction, default 500)";

    public static async Task<int> RunAsync(WebApplication app, string[] rest, CancellationToken stopping)
    {
        var action = rest.FirstOrDefault();
        if (action is not ("status" or "rotate")) { Console.Error.WriteLine(Usage); return 2; }
        var batch = 500;
        var i = Array.IndexOf(rest, "--batch");
        if (i >= 0 && (i + 1 >= rest.Length || !int.TryParse(rest[i + 1], out batch) || batch is < 1 or > 10_000))
        {
            Console.Error.WriteLine("keys: --batch wants a number of rows from 1 to 10000.");
            return 2;
        }
        if (Settings(app) is not { } sensitive) return 1;
        var rotation = app.Services.GetRequiredService<DataKeyRotation>();
        Console.WriteLine($"keys: writing under encryption key {Name(sensitive.EncryptionKeyId)} and index key {Name(sensitive.BlindIndexKeyId)}; " +
                          $"also reading {Previous(sensitive.PreviousEncryptionKeyId, sensitive.PreviousBlindIndexKeyId)}");
        return action == "status"
            ? await StatusAsync(rotation, stopping)
            : await RotateAsync(rotation, sensitive, batch, stopping);
    }

    /// <summary>The keys as the service would use them, or null after printing why they are unusable.</summary>
    private static SensitiveData? Settings(WebApplication app)
    {
        var problems = new List<string>();
        if (!app.Environment.IsDevelopment())
            problems.AddRange(new Security.ProductionSettings(app.Configuration).Problems().Where(p => p.StartsWith("Fund:", StringComparison.Ordinal)));
        if (problems.Count == 0)
        {
            try { return app.Services.GetRequiredService<SensitiveData>(); }
            catch (OptionsValidationException e) { problems.AddRange(e.Failures); }
        }
        Console.Error.WriteLine($"keys: the data key settings are not usable ({problems.Count}; as environment variables, ':' is written '__'):");
        foreach (var p in problems.Distinct()) Console.Error.WriteLine("  - " + p);
        return null;
    }

    private static async Task<int> StatusAsync(DataKeyRotation rotation, CancellationToken ct)
    {
        var status = await rotation.StatusAsync(ct);
        var left = status.Left.Where(l => l.Value > 0).ToList();
        Console.WriteLine(left.Count == 0
            ? "keys: every encrypted value is under the current encryption key"
            : $"keys: {left.Sum(l => l.Value)} value(s) not under the current encryption key: {string.Join(", ", left.Select(l => $"{l.Key} {l.Value}"))}");
        if (status.LatestPass is { } pass)
        {
            Console.WriteLine(pass.FinishedAt is { } finished
                ? $"keys: last pass #{pass.Id} (to '{pass.EncryptionKeyId}' / '{pass.BlindIndexKeyId}', by {pass.StartedBy}) finished {finished:yyyy-MM-dd HH:mm:ss} UTC: " +
                  $"{pass.RowsSeen} rows read, {pass.ValuesChanged} values rewritten, {pass.Unreadable} unreadable"
                : $"keys: pass #{pass.Id} (to '{pass.EncryptionKeyId}' / '{pass.BlindIndexKeyId}') stopped in {pass.TableName ?? "its first table"}" +
                  $"{(pass.LastKey is null ? "" : " after row " + Row(pass.LastKey))}: {pass.RowsSeen} rows read, {pass.ValuesChanged} values rewritten; " +
                  "`keys rotate` continues it");
        }
        else Console.WriteLine("keys: keys rotate has never run against this database");
        var problems = await rotation.CheckKeysAsync(200, ct);
        foreach (var p in problems) Console.WriteLine("keys: problem: " + p);
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> RotateAsync(DataKeyRotation rotation, SensitiveData sensitive, int batch, CancellationToken stopping)
    {
        if (sensitive.EncryptionKeyId is null || sensitive.BlindIndexKeyId is null)
        {
            Console.Error.WriteLine("keys: set Fund__EncryptionKeyId and Fund__BlindIndexKeyId first: they name the keys the values move to.");
            return 1;
        }
        var problems = await rotation.CheckKeysAsync(200, stopping);
        var unopenable = problems.Where(p => p.Contains("cannot be opened", StringComparison.Ordinal)).ToList();
        foreach (var p in problems) Console.Error.WriteLine("keys: " + p);
        if (unopenable.Count > 0)
        {
            Console.Error.WriteLine("keys: nothing changed. Set the previous key the data was written under, restart the instances, then run keys rotate again.");
            return 1;
        }

        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
            Console.Error.WriteLine("keys: stopping after the batch in hand…");
        };
        Console.CancelKeyPress += onCancel;
        var lastLine = Stopwatch.StartNew();
        string? lastTable = null;
        try
        {
            var result = await rotation.RunAsync("cli:" + Environment.UserName, batch, p =>
            {
                if (p.Table == lastTable && p.TableRowsDone < p.TableRows && lastLine.Elapsed < TimeSpan.FromSeconds(1)) return;
                lastTable = p.Table;
                lastLine.Restart();
                Console.WriteLine($"keys: {p.Table} {p.TableRowsDone}/{p.TableRows} rows ({100.0 * p.TableRowsDone / Math.Max(1, p.TableRows):0}%), " +
                                  $"{p.ValuesChanged} values rewritten so far{(p.Unreadable > 0 ? $", {p.Unreadable} unreadable" : "")}");
            }, interrupted.Token);
            var certificates = sensitive.HasPreviousBlindIndexKey ? await rotation.CertificatesUnderPreviousIndexKeyAsync(stopping) : (0, null);
            return Report(result, sensitive, certificates);
        }
        catch (OperationCanceledException)
        {
            var pass = (await rotation.StatusAsync(CancellationToken.None)).LatestPass;
            Console.Error.WriteLine($"keys: interrupted in {pass?.TableName ?? "the first table"}" +
                                    $"{(pass?.LastKey is null ? "" : " after row " + Row(pass.LastKey))}; every finished batch is committed. " +
                                    "Run keys rotate again to continue from there.");
            return 130;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("keys: " + e.Message);
            return 1;
        }
        catch (MySqlConnector.MySqlException e) when (e.ErrorCode == MySqlConnector.MySqlErrorCode.DuplicateKeyEntry)
        {
            Console.Error.WriteLine("keys: a re-indexed value collides with another row's index (the same ID number or card stored twice, " +
                                    $"one of them under the old key?): {e.Message}. The batch was rolled back; resolve the duplicate, then run again.");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Report(RotationResult r, SensitiveData sensitive, (long Count, DateTime? ValidUntil) certificates)
    {
        Console.WriteLine($"keys: pass #{r.PassId} {(r.Resumed ? "continued and " : "")}finished: {r.RowsSeen} rows read, " +
                          (r.ValuesChanged == 0 ? "nothing to change" : $"{r.ValuesChanged} values rewritten"));
        var status = 0;
        if (r.IndexMatchedNeither > 0)
            Console.Error.WriteLine($"keys: {r.IndexMatchedNeither} index value(s) matched neither index key (their look-ups were failing); " +
                                    "re-indexed from the decrypted value. Check Fund__PreviousBlindIndexKey on the instances.");
        if (r.Unreadable > 0)
        {
            Console.Error.WriteLine($"keys: {r.Unreadable} value(s) could not be opened and were left as they are:");
            foreach (var e in r.UnreadableExamples) Console.Error.WriteLine("  - " + e);
            status = 1;
        }
        var left = r.Left.Where(l => l.Value > 0).ToList();
        if (left.Count > 0)
        {
            Console.Error.WriteLine($"keys: {left.Sum(l => l.Value)} value(s) are not under '{sensitive.EncryptionKeyId}' after the pass " +
                                    $"({string.Join(", ", left.Select(l => $"{l.Key} {l.Value}"))}): an instance still on the old settings " +
                                    "wrote them? Once every instance has the new settings, run keys rotate again.");
            status = 1;
        }
        if (status != 0) return status;
        Console.WriteLine($"keys: every value is under encryption key '{sensitive.EncryptionKeyId}' and index key '{sensitive.BlindIndexKeyId}'.");
        if (certificates.Count > 0)
        {
            // Printed QR codes cannot be re-signed: the previous index key verifies them until they expire.
            Console.WriteLine($"keys: {certificates.Count} certificate(s) issued before this rotation are valid until {certificates.ValidUntil:yyyy-MM-dd HH:mm} UTC " +
                              "at the latest; their QR codes are signed under the previous index key. " +
                              (sensitive.PreviousEncryptionKeyId is not null ? "Remove Fund__PreviousEncryptionKey(Id) now; " : "") +
                              "keep Fund__PreviousBlindIndexKey(Id) until then, or they verify as 无效.");
        }
        else if (sensitive.PreviousEncryptionKeyId is not null || sensitive.HasPreviousBlindIndexKey)
            Console.WriteLine("keys: Remove Fund__PreviousEncryptionKey(Id) and Fund__PreviousBlindIndexKey(Id) from every instance, restart them, then destroy the old keys.");
        return 0;
    }

    /// <summary>The cursor's key columns as an operator reads them: <c>490000000793</c>, or <c>12/3</c> for a two-column key.</summary>
    private static string Row(string lastKey) =>
        string.Join("/", System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[]>(lastKey)!.Select(e => e.ToString()));

    private static string Name(string? id) => id is null ? "(no id: Fund__…KeyId not set)" : $"'{id}'";

    private static string Previous(string? encryption, string? index) =>
        encryption is null && index is null ? "no previous key" : string.Join(" and ", new[]
        {
            encryption is null ? null : $"previous encryption key '{encryption}'",
            index is null ? null : $"previous index key '{index}'",
        }.Where(s => s is not null));
}
