namespace Wechat.Host.Unit;

/// <summary>The employer hall's own cookie scheme, claims and policies, apart from citizens' and counter staff's.</summary>
public static class UnitAuth
{
    public const string Scheme = "Unit";
    public const string OperatorPolicy = "UnitOperator";
    public const string TransactPolicy = "UnitTransact";
    public const string DwzhClaim = "dwzh";
    public const string OperatorIdClaim = "operator_id";
    public const string MethodClaim = "sign_in";
    public const string SerialClaim = "cert_serial";
    public const string PasswordMethod = "password";
    public const string CertificateMethod = "ca";
}
