namespace Fund.Core.Certificates;

/// <summary>
/// The verification token in the QR code: a random seed and a keyed signature over it. Only the seed is stored, so
/// whoever reads the database still cannot make a token; a changed character breaks the signature. Implemented where
/// the key lives (Fund.Data).
/// </summary>
public interface ICertificateTokens
{
    /// <summary>A fresh random seed.</summary>
    byte[] NewSeed();

    /// <summary>The token for a stored seed (printed in the QR code, re-drawn on download).</summary>
    string TokenFor(byte[] seed);

    /// <summary>The seed of a well-formed token whose signature checks (compared in fixed time), else null.</summary>
    byte[]? SeedOf(string token);
}
