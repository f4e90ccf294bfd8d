namespace Fund.Core.Accounts;

/// <summary>个人账号 of accounts the employer hall opens: the centre's prefix and a 7-digit serial, 12 digits in all.</summary>
public static class AccountNumbers
{
    public const string OpenedOnlinePrefix = "41151";

    public static string OpenedOnline(long serial) => OpenedOnlinePrefix + serial.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);
}
