namespace Fund.Data;

/// <summary>
/// Instants are stored as UTC in DATETIME columns (written with UTC_TIMESTAMP() or a UTC value), which come back
/// without a kind: this says what they are.
/// </summary>
internal static class StoredTime
{
    public static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? stored) => stored is { } s ? Utc(s) : null;
}
