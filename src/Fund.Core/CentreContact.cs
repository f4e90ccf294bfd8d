namespace Fund.Core;

/// <summary>How citizens reach the centre: the one place its hotline number is written.</summary>
public static class CentreContact
{
    /// <summary>信阳市住房公积金服务热线.</summary>
    public const string Hotline = "12329";
}
